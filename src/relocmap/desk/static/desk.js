// Progressive enhancement of the desk: every page works without this script.
// A trace link highlights every line its figures were read on, not only the first; the
// correction form is checked as the editor types, by the server (the rules of
// 'validate', never written again here): only its verdict replaces #verification.
(function () {
  "use strict";
  const CHECK_DELAY_MS = 400;
  let pending = null;
  let sent = 0;

  function checkForm(form) {
    const verdict = document.getElementById("verification");
    if (!verdict) {
      return;
    }
    sent += 1;
    const mine = sent;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Desk-Fragment": "1" },
      credentials: "same-origin",
    })
      .then((response) => response.text())
      .then((html) => {
        if (mine === sent) {
          verdict.innerHTML = html;
        }
      })
      .catch(() => {});
  }

  document.addEventListener("input", (event) => {
    const form = event.target.closest("form#corrections");
    if (!form) {
      return;
    }
    clearTimeout(pending);
    pending = setTimeout(() => checkForm(form), CHECK_DELAY_MS);
  });
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
})();
