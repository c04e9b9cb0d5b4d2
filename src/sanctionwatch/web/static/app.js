// sanctionwatch: small progressive enhancements; every page also works without this file
// except batch jobs, which need the token sent as a header.
"use strict";
(function () {
  const TOKEN_KEY = "sw-token";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const token = () => sessionStorage.getItem(TOKEN_KEY) || "";
  const authHeaders = () => ({ Authorization: "Bearer " + token(), Accept: "application/json" });

  async function errorText(res) {
    try { const body = await res.json(); return body.error + (body.hint ? " — " + body.hint : ""); }
    catch (e) { return "HTTP " + res.status; }
  }

  // Search as you type: fetch the results fragment, keep the URL shareable.
  function liveSearch(form) {
    const out = $("#results");
    let timer = null, seq = 0;
    const run = async () => {
      const params = new URLSearchParams(new FormData(form));
      history.replaceState(null, "", "/search?" + params.toString());
      params.set("partial", "1");
      const mine = ++seq;
      out.setAttribute("aria-busy", "true");
      try {
        const res = await fetch("/search?" + params.toString(), { headers: { Accept: "text/html" } });
        const html = await res.text();
        if (mine === seq) out.innerHTML = html;
      } finally { if (mine === seq) out.setAttribute("aria-busy", "false"); }
    };
    const later = () => { clearTimeout(timer); timer = setTimeout(run, 180); };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", (ev) => { ev.preventDefault(); clearTimeout(timer); run(); });
  }

  function batchUpload(form) {
    const tokenInput = $("#token", form);
    tokenInput.value = token();
    const err = $("#batch-error");
    const showJobs = async () => {
      if (!token()) return;
      const res = await fetch("/api/batch", { headers: authHeaders() });
      if (!res.ok) return;
      const list = $("#jobs"); list.textContent = "";
      const body = await res.json();
      $("#jobs-empty").textContent = body.jobs.length ? "" : "No jobs yet.";
      for (const job of body.jobs.slice(0, 20)) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = "/batch/" + job.id;
        a.textContent = job.filename + " — " + job.state + " (" + job.rows_done + "/" + job.rows_total + " rows, " + job.rows_matched + " with a match)";
        li.appendChild(a); list.appendChild(li);
      }
    };
    tokenInput.addEventListener("change", () => { sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim()); showJobs(); });
    showJobs();
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      err.hidden = true;
      sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
      const file = $("#file", form).files[0];
      if (!file) return;
      const params = new URLSearchParams({ dataset: $("#dataset", form).value, threshold: $("#threshold", form).value });
      const res = await fetch("/api/batch?" + params, {
        method: "POST", body: file,
        headers: Object.assign(authHeaders(), { "Content-Type": "text/csv", "X-Filename": file.name }),
      });
      if (res.status !== 202) { err.textContent = await errorText(res); err.hidden = false; err.focus(); return; }
      const job = await res.json();
      window.location.href = "/batch/" + job.id;
    });
  }

  function cell(row, text, cls) {
    const td = document.createElement("td"); td.textContent = text == null ? "" : String(text);
    if (cls) td.className = cls; row.appendChild(td); return td;
  }

  function batchJob(section) {
    const id = section.dataset.batchJob;
    const bar = $("#progress"), text = $("#progress-text"), err = $("#job-error");
    if (!token()) { $("#token-needed").hidden = false; return; }
    const showResults = async () => {
      const res = await fetch("/api/batch/" + id + "/results?limit=500", { headers: authHeaders() });
      if (!res.ok) { err.textContent = await errorText(res); err.hidden = false; return; }
      const body = await res.json();
      const table = $("#results-table"), tbody = $("tbody", table);
      tbody.textContent = "";
      for (const line of body.rows) {
        const tr = document.createElement("tr");
        const best = (line.results || [])[0];
        cell(tr, line.row, "num"); cell(tr, line.id); cell(tr, (line.query || {}).name || "");
        if (best) {
          const td = cell(tr, ""); const a = document.createElement("a");
          a.href = "/entity/" + encodeURIComponent(best.entity_id); a.textContent = best.caption; td.appendChild(a);
          cell(tr, best.reference || ""); cell(tr, best.score.toFixed(2), "num");
          cell(tr, best.match ? "match" : "—", best.match ? "is-match" : "");
          const why = Object.entries(best.features || {}).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1])).slice(0, 3)
            .map(([k, v]) => k + " " + v.toFixed(2)).join("; ");
          cell(tr, why, "why-cell");
        } else {
          tr.className = "no-hit";
          cell(tr, line.error ? "error: " + line.error : "no candidate"); cell(tr, ""); cell(tr, ""); cell(tr, ""); cell(tr, "");
        }
        tbody.appendChild(tr);
      }
      table.hidden = false;
      const only = $("#only-hits");
      const applyFilter = () => table.classList.toggle("hide-empty", only.checked);
      only.addEventListener("change", applyFilter);
      applyFilter();
      $("#results-filter").hidden = false;
      $("#results-note").textContent = body.rows.length < body.job.rows_total
        ? "Showing the first " + body.rows.length + " of " + body.job.rows_total + " rows; download for all." : "";
    };
    const poll = async () => {
      const res = await fetch("/api/batch/" + id, { headers: authHeaders() });
      if (!res.ok) { err.textContent = await errorText(res); err.hidden = false; return; }
      const job = await res.json();
      bar.max = Math.max(job.rows_total, 1); bar.value = job.rows_done;
      text.textContent = job.state + ": " + job.rows_done + " of " + job.rows_total + " rows screened (" +
        Math.round(job.progress * 100) + "%), " + job.rows_matched + " with a match" + (job.rows_failed ? ", " + job.rows_failed + " failed" : "") + ".";
      if (job.state === "done") { $("#downloads").hidden = false; showResults(); return; }
      if (job.state === "failed") { err.textContent = job.error || "The job failed."; err.hidden = false; return; }
      setTimeout(poll, 400);
    };
    section.addEventListener("click", async (ev) => {
      const kind = ev.target.dataset && ev.target.dataset.download;
      if (!kind) return;
      const res = await fetch("/api/batch/" + id + "/results." + kind, { headers: authHeaders() });
      if (!res.ok) { err.textContent = await errorText(res); err.hidden = false; return; }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a"); a.href = url; a.download = "screening-" + id.slice(0, 8) + "." + kind;
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    });
    poll();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const search = $("[data-live-search]"); if (search) liveSearch(search);
    const upload = $("[data-batch-upload]"); if (upload) batchUpload(upload);
    const job = $("[data-batch-job]"); if (job) batchJob(job);
  });
})();
