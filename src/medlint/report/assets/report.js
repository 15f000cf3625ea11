// medlint's HTML report: filters, and the details of the finding clicked. It reads the page it
// is on (no data is embedded here) and builds the details from clones of escaped markup.
(() => {
  "use strict";
  const RANK = { info: 0, warning: 1, error: 2 };
  const items = Array.from(document.querySelectorAll("#findings li.finding"));
  const byNumber = new Map(items.map((li) => [li.dataset.f, li]));
  const marked = Array.from(document.querySelectorAll("#documents [data-f]"));
  const rules = new Map(
    Array.from(document.querySelectorAll("#rules .rule")).map((r) => [r.dataset.rule, r])
  );
  const detail = document.getElementById("detail");
  const filters = document.getElementById("filters");
  let current = null;

  function checked(name) {
    return new Set(
      Array.from(filters.querySelectorAll(`input[name="${name}"]:checked`)).map((i) => i.value)
    );
  }

  function visible(number) {
    const li = byNumber.get(number);
    return li !== undefined && !li.hidden;
  }

  // Colour each marked stretch by the most severe finding over it that the filters show.
  function paint() {
    for (const node of marked) {
      let worst = null;
      for (const number of node.dataset.f.split(" ")) {
        const li = byNumber.get(number);
        if (li && !li.hidden && (worst === null || RANK[li.dataset.severity] > RANK[worst])) {
          worst = li.dataset.severity;
        }
      }
      if (worst === null) node.removeAttribute("data-sev");
      else node.dataset.sev = worst;
    }
  }

  function applyFilters() {
    const severities = checked("severity");
    const categories = checked("category");
    let shown = 0;
    for (const li of items) {
      li.hidden = !(severities.has(li.dataset.severity) && categories.has(li.dataset.category));
      if (!li.hidden) shown += 1;
    }
    for (const group of document.querySelectorAll("#findings .group")) {
      const all = group.querySelectorAll("li.finding");
      const on = Array.from(all).filter((li) => !li.hidden).length;
      group.querySelector(".count").textContent = on === all.length ? `${on}` : `${on} of ${all.length}`;
      group.hidden = on === 0;
    }
    document.getElementById("shown").textContent = `${shown}`;
    paint();
    if (current !== null && !visible(current)) select(null);
  }

  function select(number) {
    for (const node of document.querySelectorAll(".current, .selected")) {
      node.classList.remove("current", "selected");
    }
    current = number;
    if (number === null) {
      detail.hidden = true;
      detail.replaceChildren();
      return null;
    }
    const li = byNumber.get(number);
    li.classList.add("selected");
    for (const node of marked) {
      if (node.dataset.f.split(" ").includes(number)) node.classList.add("current");
    }
    detail.replaceChildren(...details(li));
    detail.hidden = false;
    detail.scrollTop = 0;
    return li;
  }

  function element(tag, className, ...children) {
    const made = document.createElement(tag);
    made.className = className;
    made.append(...children);
    return made;
  }

  function clones(nodes) {
    return Array.from(nodes, (node) => node.cloneNode(true));
  }

  // A finding's details: its severity and rule, place and message (from its link), what only
  // it has (hidden beside the link), then its rule's suggestion (unless it has its own),
  // reasons and references (from the rule's block).
  function details(li) {
    const link = li.querySelector("a");
    const rule = rules.get(li.dataset.rule);
    const title = rule ? clones(rule.querySelector(".title").childNodes) : [li.dataset.rule];
    const own = clones(li.querySelector(".more").children);
    let general = rule ? clones(rule.children).slice(1) : [];
    if (own.some((node) => node.classList.contains("suggestion"))) {
      general = general.filter((node) => !node.classList.contains("suggestion"));
    }
    return [
      element("h3", "", link.querySelector(".sev").cloneNode(true), " ", ...title),
      element("p", "where", link.querySelector(".where").textContent),
      element("p", "msg", link.querySelector(".msg").textContent),
      ...own,
      ...general,
    ];
  }

  // A finding clicked in the list: its words scrolled into view, its details shown.
  document.getElementById("findings").addEventListener("click", (event) => {
    const link = event.target.closest("li.finding > a");
    if (!link) return;
    event.preventDefault();
    const number = link.parentElement.dataset.f;
    select(number).scrollIntoView({ block: "nearest" });
    const anchor = document.getElementById(`f-${number}`);
    const target = document.querySelector(`#documents [data-f~="${number}"]`) || anchor;
    if (target) target.scrollIntoView({ block: "center" });
    history.replaceState(null, "", `#f-${number}`);
  });

  // Words clicked in a text: the details of the first finding over them that is shown.
  document.getElementById("documents").addEventListener("click", (event) => {
    const words = event.target.closest("[data-f]");
    if (!words) return;
    const number = words.dataset.f.split(" ").find(visible);
    if (number === undefined) return;
    select(number).scrollIntoView({ block: "nearest" });
  });

  filters.addEventListener("change", applyFilters);
  const wanted = /^#f-(\d+)$/.exec(location.hash);
  if (wanted && byNumber.has(wanted[1])) select(wanted[1]);
})();
