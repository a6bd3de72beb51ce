// Citations open the cited sentence highlighted in its article; quote tabs switch variants.
(function () {
  function highlight(articleId, sentence) {
    document.querySelectorAll(".sent.hl").forEach(function (el) { el.classList.remove("hl"); });
    var target = document.getElementById("s-" + articleId + "-" + sentence);
    if (!target) { return false; }
    var details = target.closest("details");
    if (details) { details.open = true; }
    target.classList.add("hl");
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    return true;
  }
  document.addEventListener("click", function (event) {
    var cite = event.target.closest("[data-article][data-sentence]");
    if (cite && highlight(cite.dataset.article, cite.dataset.sentence)) {
      event.preventDefault();
      history.replaceState(null, "", "#s-" + cite.dataset.article + "-" + cite.dataset.sentence);
      return;
    }
    var tab = event.target.closest(".tab[data-variant]");
    if (tab) {
      var group = tab.closest(".quote-group");
      group.querySelectorAll(".tab").forEach(function (t) { t.setAttribute("aria-selected", t === tab ? "true" : "false"); });
      group.querySelectorAll(".variant").forEach(function (v) { v.classList.toggle("active", v.id === tab.dataset.variant); });
    }
  });
  var m = /^#s-([0-9a-zA-Z_-]+)-(\d+)$/.exec(location.hash);
  if (m) { highlight(m[1], m[2]); }
})();
