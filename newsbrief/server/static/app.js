// newsbrief page: compose a brief, read it with its citations, browse stored stories.
// Every string that comes from an article is put in the page with textContent, never as markup.
"use strict";

(function () {
  const body = document.body;
  const hasStore = body.dataset.store === "on";

  // ---- small DOM helpers ------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function $(id) { return document.getElementById(id); }

  function showError(node, message) {
    node.textContent = message || "";
    node.hidden = !message;
  }

  function safeHref(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

  async function callApi(url, options) {
    let response;
    try {
      response = await fetch(url, options);
    } catch (_) {
      throw new Error("The server did not answer. Is it still running?");
    }
    let doc = null;
    try { doc = await response.json(); } catch (_) { doc = null; }
    if (!response.ok) {
      const message = doc && doc.error && doc.error.message;
      throw new Error(message ? String(message) : `The server answered ${response.status}.`);
    }
    return doc;
  }

  // ---- citation markers -------------------------------------------------------------------------

  let tipCount = 0;

  // One marker per source; its tip shows what that source says (one or more sentences).
  function markers(spans, sourceLabel) {
    const bySource = new Map();
    for (const span of spans || []) {
      const n = Number(span.source);
      if (!bySource.has(n)) bySource.set(n, []);
      const text = String(span.text || "").trim();
      if (text && !bySource.get(n).includes(text)) bySource.get(n).push(text);
    }
    const wrap = el("span", { class: "cites" });
    for (const n of [...bySource.keys()].sort((a, b) => a - b)) {
      const id = `tip-${++tipCount}`;
      const texts = bySource.get(n);
      const button = el("button", {
        type: "button", class: "cite", "aria-expanded": "false", "aria-describedby": id,
        "aria-label": `Source ${n}`,
      }, String(n));
      const tip = el("span", { class: "tip", role: "tooltip", id },
        el("span", { class: "tip-source" }, `[${n}] ${sourceLabel(n)}`),
        texts.map((t) => el("span", { class: "tip-text" }, `“${t}”`)));
      wrap.append(button, tip);
    }
    return wrap;
  }

  function closeTips(except) {
    for (const open of document.querySelectorAll('.cite[aria-expanded="true"]')) {
      if (open !== except) open.setAttribute("aria-expanded", "false");
    }
  }

  document.addEventListener("click", (event) => {
    const cite = event.target.closest ? event.target.closest(".cite") : null;
    if (cite) {
      const open = cite.getAttribute("aria-expanded") === "true";
      closeTips(cite);
      cite.setAttribute("aria-expanded", open ? "false" : "true");
    } else if (!(event.target.closest && event.target.closest(".tip"))) {
      closeTips(null);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeTips(null);
  });

  // ---- rendering a brief ------------------------------------------------------------------------

  const SECTION_TITLES = {
    agreement: "Agreed by several sources",
    unique: "Only in one source",
    conflicts: "Conflicts",
    quotes: "Quotes",
    entities: "People, organisations & places",
  };
  const ENTITY_KINDS = { PERSON: "person", ORG: "organisation", GPE: "place", LOC: "place", NORP: "group",
    FAC: "place" };

  function labeller(doc, fallbacks) {
    return (n) => {
      const source = (doc.sources || [])[n - 1];
      const named = source && (source.title || source.source || source.path);
      return named ? String(named) : (fallbacks && fallbacks[n - 1]) || `Source ${n}`;
    };
  }

  function section(key, content) {
    return el("section", { class: `section-${key}`, "data-section": key },
      el("h3", {}, SECTION_TITLES[key]), content);
  }

  function nothing(doc, key) {
    const computed = Object.prototype.hasOwnProperty.call(doc, key);
    return el("p", { class: "none" }, computed ? "Nothing found." : "Not computed for this brief.");
  }

  function renderSections(doc, label) {
    const out = el("div", { class: "sections" });

    const agreement = doc.agreement || [];
    out.append(section("agreement", agreement.length
      ? el("ul", { class: "items" }, agreement.map((f) => el("li", {}, f.text, markers(f.spans, label))))
      : nothing(doc, "agreement")));

    const unique = doc.unique || {};
    const uniqueBlocks = Object.keys(unique).sort((a, b) => a - b)
      .filter((n) => (unique[n] || []).length)
      .map((n) => [
        el("p", { class: "unique-source" }, `[${n}] ${label(Number(n))}`),
        el("ul", { class: "items" }, unique[n].map((f) => el("li", {}, f.text, markers(f.spans, label)))),
      ]);
    out.append(section("unique", uniqueBlocks.length ? uniqueBlocks : nothing(doc, "unique")));

    const conflicts = doc.conflicts || [];
    out.append(section("conflicts", conflicts.length
      ? el("ul", { class: "items" }, conflicts.map((c) => el("li", {},
        el("span", { class: "kind" }, c.kind),
        String(c.a.value), markers([c.a], label), " vs ", String(c.b.value), markers([c.b], label),
        c.explanation ? ` — ${c.explanation}` : "")))
      : nothing(doc, "conflicts")));

    const quotes = doc.quotes || [];
    out.append(section("quotes", quotes.length
      ? quotes.map((q) => el("blockquote", { class: "quote" },
        el("p", {}, `“${q.text}”`),
        el("p", { class: "who" }, `— ${q.speaker || "unattributed"}`, markers(q.spans, label))))
      : nothing(doc, "quotes")));

    const entities = doc.entities || [];
    out.append(section("entities", entities.length
      ? el("ul", { class: "entities" }, entities.map((e) => {
        const counts = Object.entries(e.mentions || {}).map(([n, c]) => `[${n}] ${c}×`).join(" ");
        return el("li", {}, el("strong", {}, e.name), " ",
          el("span", { class: "label" }, `${ENTITY_KINDS[e.label] || String(e.label || "").toLowerCase()} · ${counts}`));
      }))
      : nothing(doc, "entities")));
    return out;
  }

  function renderSources(doc, label) {
    return el("section", { class: "sources-section" }, el("h3", {}, "Sources"),
      el("ol", { class: "sources" }, (doc.sources || []).map((s, i) => {
        const href = s.url ? safeHref(s.url) : null;
        return el("li", { id: `source-${i + 1}` }, label(i + 1),
          href ? [" — ", el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, s.url)] : null,
          s.published ? el("span", { class: "where" }, ` · ${String(s.published).slice(0, 10)}`) : null);
      })));
  }

  function renderBrief(container, doc, fallbacks) {
    const label = labeller(doc, fallbacks);
    const status = el("p", { class: "status", role: "status" });
    const copy = el("button", { type: "button", class: "btn secondary small", "data-action": "copy" },
      "Copy as Markdown");
    const download = el("button", { type: "button", class: "btn secondary small", "data-action": "download" },
      "Download JSON");
    copy.addEventListener("click", () => copyText(toMarkdown(doc, label), status));
    download.addEventListener("click", () => downloadJson(doc, status));

    const length = doc.length || {};
    const sentences = doc.sentences || [];
    const list = sentences.length
      ? el("ol", { class: "brief" }, sentences.map((s) => el("li", {}, s.text, " ", markers(s.citations, label))))
      : el("p", { class: "none" }, "No sentence fits this length. Try a larger limit.");
    const parts = [
      el("div", { class: "toolbar" },
        el("p", { class: "meta" }, `${plural(length.words || 0, "word")} · ${plural(length.sentences || 0, "sentence")}`
          + ` · ${plural((doc.sources || []).length, "source")}`),
        el("div", { class: "actions" }, copy, download)),
      status,
      doc.query ? el("p", { class: "focus-line" }, el("strong", {}, "Focus: "), doc.query) : null,
      list,
      renderSections(doc, label),
      renderSources(doc, label),
      (doc.notes || []).length ? el("p", { class: "notes" }, `Note: ${doc.notes.join(" ")}`) : null,
    ];
    container.replaceChildren(...parts.filter(Boolean));
  }

  // ---- Markdown and JSON out ----------------------------------------------------------------------

  function md(text) { return String(text).replace(/([\\`*_{}[\]<>#|])/g, "\\$1"); }
  function refs(spans) {
    return [...new Set((spans || []).map((s) => Number(s.source)))].sort((a, b) => a - b)
      .map((n) => `[^${n}]`).join("");
  }

  function toMarkdown(doc, label) {
    const out = ["# Brief", ""];
    if (doc.query) out.push(`**Focus:** ${md(doc.query)}`, "");
    const sentences = doc.sentences || [];
    if (sentences.length) sentences.forEach((s) => out.push(`- ${md(s.text)} ${refs(s.citations)}`));
    else out.push("_No sentence fits the budget._");
    if ((doc.agreement || []).length) {
      out.push("", `## ${SECTION_TITLES.agreement}`, "");
      doc.agreement.forEach((f) => out.push(`- ${md(f.text)} ${refs(f.spans)}`));
    }
    for (const [n, facts] of Object.entries(doc.unique || {})) {
      if (!facts.length) continue;
      out.push("", `## Only in \\[${n}\\]`, "");
      facts.forEach((f) => out.push(`- ${md(f.text)}`));
    }
    if ((doc.conflicts || []).length) {
      out.push("", `## ${SECTION_TITLES.conflicts}`, "");
      doc.conflicts.forEach((c) => out.push(`- **${md(c.kind)}**: ${md(c.a.value)} [^${c.a.source}] vs `
        + `${md(c.b.value)} [^${c.b.source}]${c.explanation ? ` — ${md(c.explanation)}` : ""}`));
    }
    if ((doc.quotes || []).length) {
      out.push("", `## ${SECTION_TITLES.quotes}`, "");
      doc.quotes.forEach((q) => out.push(`> “${md(q.text)}”  `, `> — ${md(q.speaker || "unattributed")} ${refs(q.spans)}`, ""));
    }
    if ((doc.entities || []).length) {
      out.push("", `## ${SECTION_TITLES.entities}`, "");
      doc.entities.forEach((e) => out.push(`- ${md(e.name)}: ${ENTITY_KINDS[e.label] || md(String(e.label).toLowerCase())}`));
    }
    out.push("", "## Sources", "");
    (doc.sources || []).forEach((s, i) => out.push(`[^${i + 1}]: ${md(label(i + 1))}${s.url ? ` — ${md(s.url)}` : ""}`));
    return out.join("\n") + "\n";
  }

  async function copyText(text, status) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (_) {
      const area = el("textarea", { class: "visually-hidden", "aria-hidden": "true" });
      area.value = text;
      document.body.append(area);
      area.select();
      const ok = document.execCommand && document.execCommand("copy");
      area.remove();
      if (!ok) { status.textContent = "Copying is blocked here; use Download JSON instead."; return; }
    }
    status.textContent = "Copied the brief as Markdown.";
  }

  function downloadJson(doc, status) {
    const blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob),
      download: `brief-${String(doc.story_id || "newsbrief").replace(/[^A-Za-z0-9_-]/g, "-")}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status.textContent = "Downloaded the brief as JSON.";
  }

  // ---- compose view -------------------------------------------------------------------------------

  const files = [];

  function relabelArticles() {
    const boxes = $("articles").querySelectorAll(".article");
    boxes.forEach((box, i) => {
      const area = box.querySelector("textarea");
      area.id = `article-${i + 1}`;
      area.name = `article-${i + 1}`;
      const lab = box.querySelector(".article-label");
      lab.textContent = `Article ${i + 1}`;
      lab.htmlFor = area.id;
      const remove = box.querySelector(".remove-article");
      remove.hidden = boxes.length <= 1;
      remove.setAttribute("aria-label", `Remove article ${i + 1}`);
    });
  }

  function addArticle(focus) {
    const box = $("article-template").content.firstElementChild.cloneNode(true);
    box.querySelector(".remove-article").addEventListener("click", () => {
      box.remove();
      relabelArticles();
      const first = $("articles").querySelector("textarea");
      if (first) first.focus();
    });
    $("articles").append(box);
    relabelArticles();
    if (focus) box.querySelector("textarea").focus();
  }

  function renderFiles() {
    const list = $("file-list");
    list.replaceChildren(...files.map((file, i) => {
      const remove = el("button", { type: "button", class: "btn link", "aria-label": `Remove ${file.name}` },
        "Remove");
      remove.addEventListener("click", () => { files.splice(i, 1); renderFiles(); });
      return el("li", {}, el("span", {}, `${file.name} · ${Math.max(1, Math.round(file.size / 1024))} kB`), remove);
    }));
  }

  function addFiles(fileList) {
    for (const file of fileList) files.push(file);
    renderFiles();
  }

  async function submitCompose(event) {
    event.preventDefault();
    const errorBox = $("compose-error");
    showError(errorBox, "");
    // Source numbers follow the filled boxes, then the files; name each as the page does.
    const boxes = [...$("articles").querySelectorAll("textarea")];
    const filled = boxes.map((t, i) => [t.value, `Article ${i + 1}`]).filter(([t]) => t.trim());
    const texts = filled.map(([t]) => t);
    const labels = filled.map(([, name]) => name).concat(files.map((f) => f.name));
    const limit = Number($("limit").value);
    const unit = $("unit").value;
    const query = $("query").value.trim();
    if (!texts.length && !files.length) {
      showError(errorBox, "Paste at least one article, or add a file.");
      return;
    }
    if (!Number.isInteger(limit) || limit < 1) {
      showError(errorBox, "The length must be a whole number of at least 1.");
      $("limit").focus();
      return;
    }
    let options;
    if (files.length) {
      const form = new FormData();
      texts.forEach((t) => form.append("text", t));
      files.forEach((f) => form.append("files", f, f.name));
      form.append(unit, String(limit));
      if (query) form.append("query", query);
      options = { method: "POST", body: form };
    } else {
      options = {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ articles: texts.map((text) => ({ text })), budget: { [unit]: limit },
          ...(query ? { query } : {}) }),
      };
    }
    const button = $("brief-button");
    const result = $("result");
    button.disabled = true;
    button.textContent = "Briefing…";
    result.setAttribute("aria-busy", "true");
    try {
      const doc = await callApi("/v1/brief", options);
      renderBrief(result, doc, labels);
      if (window.matchMedia("(max-width: 959px)").matches) result.scrollIntoView({ block: "start" });
    } catch (error) {
      showError(errorBox, error.message);
    } finally {
      button.disabled = false;
      button.textContent = "Brief";
      result.removeAttribute("aria-busy");
    }
  }

  function startCompose() {
    addArticle(false);
    addArticle(false);
    $("add-article").addEventListener("click", () => addArticle(true));
    $("compose").addEventListener("submit", submitCompose);
    $("file-input").addEventListener("change", (event) => { addFiles(event.target.files); event.target.value = ""; });
    const zone = $("dropzone");
    const form = $("compose");
    form.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
    form.addEventListener("dragleave", (event) => {
      if (!form.contains(event.relatedTarget)) zone.classList.remove("over");
    });
    form.addEventListener("drop", (event) => {
      if (event.target.tagName === "TEXTAREA" && !event.dataTransfer.files.length) return; // dropped text
      event.preventDefault();
      zone.classList.remove("over");
      addFiles(event.dataTransfer.files);
    });
  }

  // ---- stories --------------------------------------------------------------------------------------

  function articleCount(story) {
    const a = story.articles;
    return Array.isArray(a) ? a.length : Number(a || 0);
  }

  async function startStories() {
    const errorBox = $("stories-error");
    const list = $("story-list");
    if (!hasStore) {
      showError(errorBox, "No story store is attached. Start the server with --db FILE to keep stories.");
      return;
    }
    try {
      const doc = await callApi("/v1/stories");
      const stories = doc.stories || [];
      if (!stories.length) {
        list.replaceChildren(el("li", { class: "none" }, "No stories yet. Add articles with POST /v1/articles."));
        return;
      }
      list.replaceChildren(...stories.map((s) => el("li", {},
        el("a", { href: `/stories/${encodeURIComponent(s.id)}` }, s.title || "Untitled story"),
        el("p", { class: "meta" }, [plural(articleCount(s), "article"),
          (s.sources || []).slice(0, 4).join(", "),
          s.last_seen ? `latest ${String(s.last_seen).slice(0, 10)}` : null].filter(Boolean).join(" · ")))));
    } catch (error) {
      showError(errorBox, error.message);
    }
  }

  async function startStory() {
    const errorBox = $("story-error");
    const id = decodeURIComponent(location.pathname.replace(/^\/stories\//, ""));
    if (!hasStore) {
      showError(errorBox, "No story store is attached. Start the server with --db FILE to keep stories.");
      return;
    }
    try {
      const doc = await callApi(`/v1/stories/${encodeURIComponent(id)}`);
      const title = (doc.story && doc.story.title) || "Untitled story";
      $("story-title").textContent = title;
      document.title = `${title} · newsbrief`;
      $("story-articles").replaceChildren(...(doc.articles || []).map((a) => {
        const href = a.url ? safeHref(a.url) : null;
        const name = a.title || a.source || "Untitled article";
        return el("li", {},
          href ? el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, name) : el("strong", {}, name),
          el("p", { class: "meta" }, [a.source, a.published && String(a.published).slice(0, 10),
            a.words !== undefined ? plural(a.words, "word") : null].filter(Boolean).join(" · ")),
          a.excerpt ? el("p", { class: "excerpt" }, a.excerpt) : null);
      }));
    } catch (error) {
      showError(errorBox, error.message);
      return;
    }
    const load = async (event) => {
      if (event) event.preventDefault();
      const limit = Number($("story-limit").value);
      if (!Number.isInteger(limit) || limit < 1) { showError(errorBox, "The length must be a whole number of at least 1."); return; }
      showError(errorBox, "");
      const target = $("story-result");
      target.setAttribute("aria-busy", "true");
      try {
        const doc = await callApi(`/v1/stories/${encodeURIComponent(id)}/brief?${$("story-unit").value}=${limit}`);
        renderBrief(target, doc, null);
      } catch (error) {
        showError(errorBox, error.message);
      } finally {
        target.removeAttribute("aria-busy");
      }
    };
    $("story-form").addEventListener("submit", load);
    load(null);
  }

  // ---- start ----------------------------------------------------------------------------------------

  const view = body.dataset.view;
  for (const link of document.querySelectorAll("nav a[data-nav]")) {
    const current = link.dataset.nav === view || (view === "story" && link.dataset.nav === "stories");
    if (current) link.setAttribute("aria-current", "page");
  }
  startCompose();
  if (view === "stories") startStories();
  if (view === "story") startStory();
}());
