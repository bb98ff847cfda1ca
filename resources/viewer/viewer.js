"use strict";
// Offline evidence viewer: reads the pack's data block, shows each call with its recording,
// a transcript that follows playback (click a line to play from it), notes and scorecards.
(function () {
  const data = JSON.parse(document.getElementById("pack-data").textContent);
  const main = document.getElementById("calls");
  const clock = (s) => {
    s = Math.max(0, Math.floor(s));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(r).padStart(2, "0");
  };
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };
  for (const call of data.calls) {
    const section = el("section", { class: "call", id: "call-" + call.index, lang: call.language || "" });
    section.append(el("h2", {}, "Call " + call.id));
    const dl = el("dl");
    for (const [k, v] of call.details) dl.append(el("dt", {}, k), el("dd", {}, v));
    section.append(dl);
    let audio = null;
    if (call.recording) {
      audio = el("audio", { controls: "", preload: "metadata", src: call.recording });
      audio.addEventListener("loadedmetadata", () => audio.setAttribute("data-duration", audio.duration.toFixed(1)));
      audio.addEventListener("error", () => audio.setAttribute("data-error", "cannot play"));
      section.append(audio);
    } else {
      section.append(el("p", { class: "missing" }, "Recording: " + (call.recording_note || "not in this pack")));
    }
    const play = (seconds) => { if (audio) { audio.currentTime = seconds; audio.play(); } };
    const noted = new Set(call.notes.map((n) => n.segment));
    const list = el("ol", { class: "transcript", "aria-label": "Transcript of " + call.id });
    const items = call.segments.map((s, i) => {
      const li = el("li", { tabindex: "0", "data-start": String(s.start), class: noted.has(i) ? "noted" : "" },
        el("span", { class: "time" }, clock(s.start)), el("span", { class: "speaker" }, s.speaker), el("span", {}, s.text));
      li.addEventListener("click", () => play(s.start));
      li.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); play(s.start); } });
      list.append(li);
      return li;
    });
    section.append(el("h3", {}, "Transcript"), list);
    if (audio) {
      let current = -1;
      audio.addEventListener("timeupdate", () => {
        let i = call.segments.length - 1;
        while (i >= 0 && call.segments[i].start > audio.currentTime) i--;
        if (i !== current) {
          if (current >= 0) { items[current].classList.remove("now"); items[current].removeAttribute("aria-current"); }
          if (i >= 0) { items[i].classList.add("now"); items[i].setAttribute("aria-current", "true"); }
          current = i;
        }
      });
    }
    section.append(el("h3", {}, "Notes (" + call.notes.length + ")"));
    if (call.notes.length) {
      const table = el("table", {}, el("tr", {}, el("th", {}, "At"), el("th", {}, "Note"), el("th", {}, "Tags"), el("th", {}, "By")));
      for (const n of call.notes) {
        const at = el("button", { class: "moment", type: "button" }, clock(n.offset));
        at.addEventListener("click", () => play(n.offset));
        table.append(el("tr", {}, el("td", {}, at), el("td", {}, n.text), el("td", {}, (n.tags || []).join(", ")), el("td", {}, n.reviewer)));
      }
      section.append(table);
    } else {
      section.append(el("p", { class: "missing" }, "No notes."));
    }
    section.append(el("h3", {}, "Scorecards (" + call.scorecards.length + ")"));
    for (const card of call.scorecards) {
      section.append(el("p", { class: "score" }, card.title + " — quality " + card.quality + ", compliance " + card.compliance +
        " (" + card.status + ", " + card.reviewer + ")"));
      const table = el("table", {}, el("tr", {}, el("th", {}, "Criterion"), el("th", {}, "Answer"), el("th", {}, "Evidence"), el("th", {}, "Comment")));
      for (const a of card.answers) {
        const moments = el("td");
        for (const t of a.evidence) {
          const b = el("button", { class: "moment", type: "button" }, clock(t));
          b.addEventListener("click", () => play(t));
          moments.append(b, " ");
        }
        table.append(el("tr", {}, el("td", {}, a.question), el("td", {}, a.answer), moments, el("td", {}, a.comment)));
      }
      section.append(table);
    }
    if (!call.scorecards.length) section.append(el("p", { class: "missing" }, "No scorecard."));
    main.append(section);
  }
  document.documentElement.setAttribute("data-ready", "true");
})();
