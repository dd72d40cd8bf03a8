// Filtering and sorting only: the report reads the same without this script.
(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  if (form) {
    var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
    var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));
    var apply = function () {
      var shown = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[name=severity]"), function (box) {
        shown[box.value] = box.checked;
      });
      var text = form.elements.text.value.trim().toLowerCase();
      var count = 0;
      findings.forEach(function (finding) {
        var visible = shown[finding.getAttribute("data-severity")] !== false &&
          (text === "" || finding.textContent.toLowerCase().indexOf(text) !== -1);
        finding.hidden = !visible;
        if (visible) { count += 1; }
      });
      files.forEach(function (file) {
        file.hidden = file.querySelector("article.finding:not([hidden])") === null;
      });
      form.elements.shown.value = count === findings.length ?
        "all " + count + " shown" : count + " of " + findings.length + " shown";
    };
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var kind = th.getAttribute("data-sort");
      if (!kind) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") !== "descending" && kind === "number" ||
          th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var key = function (row) {
          var cell = row.cells[column];
          var value = cell.getAttribute("data-value") || cell.textContent;
          return kind === "number" ? parseFloat(value) || 0 : value.toLowerCase();
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.documentElement.setAttribute("data-script", "ready");
}());
