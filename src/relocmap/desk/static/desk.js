// Progressive enhancement of the desk: every page works without this script.
// A trace link highlights every line its figures were read on, not only the first.
"use strict";
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.trace-link");
  if (!link) {
    return;
  }
  for (const line of document.querySelectorAll(".lines li.traced")) {
    line.classList.remove("traced");
  }
  for (const number of link.dataset.lignes.split(" ")) {
    const line = document.getElementById("ligne-" + number);
    if (line) {
      line.classList.add("traced");
    }
  }
});
