// Case view: send the decision with the reviewer's token; show the outcome or the error.
(() => {
  "use strict";
  const TOKEN_KEY = "sw-token";
  const form = document.getElementById("decision-form");
  if (!form) return;
  const token = form.querySelector("#token");
  token.value = sessionStorage.getItem(TOKEN_KEY) || "";
  const result = document.getElementById("decision-result");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, token.value.trim());
    const body = {
      action: form.querySelector("input[name=action]:checked").value,
      reason: form.querySelector("#reason").value,
      lock_version: Number(form.dataset.version),
    };
    result.className = "";
    result.textContent = "Saving…";
    const response = await fetch(`/api/alerts/${form.dataset.alert}/decision`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        Authorization: "Bearer " + token.value.trim(),
      },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) {
      result.className = "error";
      result.textContent = (data.error || "The decision was not saved") + (data.hint ? ": " + data.hint : "");
      return;
    }
    result.textContent = `Saved: ${data.from.replace("_", " ")} → ${data.to.replace("_", " ")} by ${data.reviewer}. Reloading…`;
    setTimeout(() => window.location.reload(), 600);
  });
})();
