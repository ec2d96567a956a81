from relocmap.cli import main

main()
