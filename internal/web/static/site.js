// guantong: the little the pages do with JavaScript. Every page works without it.
(function () {
  "use strict";

  // 打印结果: the button is hidden for browsers without JavaScript.
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  // Repeating rows (certificates, titles, work periods, awards): show the filled ones and
  // one empty one, and a button that shows the next. Without JavaScript all rows are shown.
  document.querySelectorAll("[data-rows]").forEach(function (set) {
    var rows = Array.prototype.slice.call(set.querySelectorAll("[data-row]"));
    var blank = function (row) {
      return !row.querySelector("[aria-invalid]") &&
        Array.prototype.every.call(row.querySelectorAll("input, select"), function (f) { return !f.value; });
    };
    for (var i = rows.length - 1; i > 0 && blank(rows[i]) && blank(rows[i - 1]); i--) {
      rows[i].hidden = true;
    }
    if (!rows.some(function (r) { return r.hidden; })) return;
    var add = document.createElement("button");
    add.type = "button";
    add.className = "button add-row";
    add.textContent = "＋ 再添加一项";
    add.addEventListener("click", function () {
      var next = rows.find(function (r) { return r.hidden; });
      if (next) {
        next.hidden = false;
        var first = next.querySelector("input, select");
        if (first) first.focus();
      }
      if (!rows.some(function (r) { return r.hidden; })) add.remove();
    });
    set.appendChild(add);
  });
})();
