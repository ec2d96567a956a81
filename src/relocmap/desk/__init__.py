"""The editor's desk: a local web application that reads a release, lets an editor correct
its figures, previews the map and publishes it, in French, over update and build.

Nothing here reads, checks or writes figures itself: :mod:`relocmap.desk.work` calls
:func:`relocmap.update.read_update`, :func:`relocmap.build.build_map` and the atomic
writers; :mod:`relocmap.desk.app` is the Flask application, :mod:`relocmap.desk.guard` its
protections (CSRF, token, hosts, publish lock), :mod:`relocmap.desk.command` the
``relocmap desk`` command.
"""
