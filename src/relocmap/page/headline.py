"""The headline panel under the title: regional totals as published, progress toward the
jobs objective, the plan's facts; and the one-sentence summary for screen readers."""

from __future__ import annotations

from relocmap.base.numbers import fr_decimal, fr_int
from relocmap.inputs.facts import Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.wording import objective_text, plan_facts_text, published_totals, sum_notes
from relocmap.page.templating import snippet
from relocmap.page.texts import as_published


def summary_text(joined: JoinedFigures, publication: Publication | None) -> str:
    """One sentence for screen readers: what the map shows and its main figures."""
    data = joined.with_data
    top = data.sort_values(["emplois", "nom"], ascending=[False, True]).iloc[0]
    projects, jobs = fr_int(data["projets"].sum()), fr_int(data["emplois"].sum())
    announced = published_totals(publication)
    if announced:
        totals = (
            f"la Région annonce {' et '.join(announced)} "
            f"(somme des départements : {projects} projets, {jobs} emplois)"
        )
    else:
        totals = f"{projects} projets et {jobs} emplois au total"
    text = (
        f"Carte choroplèthe de {len(joined.frame)} départements : {totals} ; le plus "
        f"d’emplois : {top['nom']} ({as_published(top['emplois'], top['emplois_precision'])})."
    )
    if joined.missing:
        count = len(joined.missing)
        text += f" Pas de données pour {count} département{'s' if count > 1 else ''}."
    return text


def _progress(publication: Publication) -> dict | None:
    """The progress bar toward the jobs objective when both the goal and the jobs total are
    known; only the objective's words when the total is not."""
    goal, total = publication.objectif_emplois, publication.total_emplois
    objective = objective_text(publication)
    if goal is None or objective is None:
        return None
    if total is None:
        return {"objective": objective}
    share = 100 * total.value / goal
    return {
        "objective": objective,
        "goal_value": goal,
        "jobs_value": total.value,
        "percent": f"{fr_decimal(share)}\u00a0%",
        "percent_css": f"{min(share, 100):.1f}",
    }


def headline_body(joined: JoinedFigures, publication: Publication | None) -> str:
    """Regional totals as published, progress toward the objective, budget and date:
    each line only when the facts give it; empty when they give none."""
    if publication is None:
        return ""
    totals = published_totals(publication)
    progress = _progress(publication)
    facts = plan_facts_text(publication)
    if not (totals or progress or facts):
        return ""
    sums = {column: int(joined.frame[column].sum()) for column in ("projets", "emplois")}
    return snippet(
        "headline-body.html.j2",
        totals=totals,
        sum_notes=sum_notes(sums, publication),
        progress=progress,
        facts=facts,
    )


def headline_html(
    joined: JoinedFigures, publication: Publication | None, trajectory: str = ""
) -> str:
    """The headline panel: :func:`headline_body`, then (several publications) the
    trajectory chart; nothing when there is neither."""
    body = headline_body(joined, publication)
    if not (body or trajectory):
        return ""
    return snippet("headline.html.j2", body=body, trajectory=trajectory)
