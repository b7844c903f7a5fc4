/* Поиск, фильтры и сортировка таблицы открытого реестра (ropcli publish).
   Без библиотек и без обращений к сети; без JavaScript таблица видна целиком. */
(function () {
  "use strict";
  var table = document.getElementById("register");
  var form = document.getElementById("filters");
  if (!table || !form) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("q");
  var state = document.getElementById("f-state");
  var municipality = document.getElementById("f-municipality");
  var mentoringForm = document.getElementById("f-form");
  var count = document.getElementById("count");

  function matches(row) {
    var text = search.value.trim().toLowerCase();
    var forms = row.getAttribute("data-forms").split("|");
    return (!text || row.getAttribute("data-search").indexOf(text) !== -1) &&
      (!state.value || row.getAttribute("data-state") === state.value) &&
      (!municipality.value || row.getAttribute("data-municipality") === municipality.value) &&
      (!mentoringForm.value || forms.indexOf(mentoringForm.value) !== -1);
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(row);
      row.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    count.textContent = "Показано площадок: " + shown + " из " + rows.length;
  }

  function sortKey(row, index, kind) {
    var cell = row.cells[index];
    var key = kind === "key" ? cell.getAttribute("data-key") : null;
    return (key !== null ? key : cell.textContent).trim().toLowerCase();
  }

  function sortBy(header, index) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var kind = header.getAttribute("data-sort");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      if (cell.hasAttribute("data-sort")) {
        cell.setAttribute("aria-sort", "none");
      }
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var result = sortKey(a, index, kind).localeCompare(sortKey(b, index, kind), "ru");
      return ascending ? result : -result;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
    if (!header.hasAttribute("data-sort")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = header.textContent;
    button.setAttribute("title", "Сортировать по столбцу «" + header.textContent + "»");
    header.textContent = "";
    header.appendChild(button);
    header.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      sortBy(header, index);
    });
  });

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);
  });
  form.hidden = false;
  apply();
}());
