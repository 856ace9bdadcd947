// The review queue from the keyboard: j/k move, c confirm, x reject, r reverse, t change type, o open.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  if (!items.length) { return; }
  var current = 0;
  function select(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, k) { el.classList.toggle("selected", k === current); });
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "nearest" });
  }
  function submit(action) {
    var form = items[current].querySelector('form[data-action="' + action + '"]');
    if (form) { form.submit(); }
  }
  var keys = {
    j: function () { select(current + 1); }, k: function () { select(current - 1); },
    c: function () { submit("confirm"); }, x: function () { submit("reject"); }, r: function () { submit("reverse"); },
    t: function () { var s = items[current].querySelector("select[name=type]"); if (s) { s.focus(); } },
    o: function () { var a = items[current].querySelector("a.open"); if (a) { window.location = a.href; } }
  };
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var act = keys[event.key];
    if (act) { event.preventDefault(); act(); }
  });
  var wanted = window.location.hash && document.querySelector(window.location.hash);
  select(wanted ? items.indexOf(wanted) : 0);
}());
