// igp serve: better with JavaScript, fine without. Drag and drop (files and folders),
// an upload progress bar, the answer shown without a page reload, and sortable tables.
// No framework, no network but this server.
"use strict";
(function () {
  document.documentElement.classList.add("js");

  // Files of dropped folders, walked with the entries API.
  function walk(entry, path, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { out.push({ file: f, name: path + f.name }); resolve(); }, function () { resolve(); });
      } else if (entry.isDirectory) {
        var reader = entry.createReader();
        var all = [];
        (function more() {
          reader.readEntries(function (batch) {
            if (!batch.length) {
              Promise.all(all.map(function (e) { return walk(e, path + entry.name + "/", out); })).then(resolve);
            } else { all = all.concat(Array.prototype.slice.call(batch)); more(); }
          }, function () { resolve(); });
        })();
      } else { resolve(); }
    });
  }

  function show(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var main = doc.querySelector("main");
    if (!main) { return; }
    document.title = doc.title;
    document.querySelector("main").replaceWith(document.adoptNode(main));
    // The result's own address, so that reloading, going back and forth, and sharing the
    // address (for as long as the result is kept) show it again.
    var result = main.querySelector("#result");
    if (result && history.pushState) { history.pushState(null, "", result.getAttribute("data-href")); }
    init(document);
    var h1 = main.querySelector("h1");
    main.focus();
    if (h1) { h1.scrollIntoView(); }
  }

  function send(form, items) {
    var data = new FormData();
    items.forEach(function (it) { data.append("files", it.file, it.name); });
    ["as", "as_of"].forEach(function (n) {
      var el = form.querySelector("[name=" + n + "]:checked") || form.querySelector("input[name=" + n + "]:not([type=radio])");
      if (el) { data.append(n, el.value); }
    });
    var line = document.getElementById("progress-line");
    var bar = document.getElementById("progress");
    var text = document.getElementById("progress-text");
    line.hidden = false;
    text.textContent = "Uploading " + items.length + (items.length === 1 ? " file" : " files") + "…";
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); bar.textContent = bar.value + "%"; }
    };
    xhr.upload.onload = function () { bar.removeAttribute("value"); text.textContent = "Checking…"; };
    xhr.onload = function () { show(xhr.responseText); };
    xhr.onerror = function () { text.textContent = "The upload failed: is the server still running?"; };
    xhr.send(data);
  }

  function initUpload(root) {
    var form = root.querySelector ? root.querySelector("#upload") : null;
    if (!form) { return; }
    var drop = form.querySelector("#drop");
    var input = form.querySelector("#files");
    var folder = form.querySelector("#folder");
    var picked = form.querySelector("#picked");
    function items() {
      var out = [];
      [input, folder].forEach(function (el) {
        Array.prototype.forEach.call(el.files || [], function (f) { out.push({ file: f, name: f.webkitRelativePath || f.name }); });
      });
      return out;
    }
    function say() {
      var n = items().length;
      picked.textContent = n ? n + (n === 1 ? " file chosen" : " files chosen") : "";
    }
    input.addEventListener("change", say);
    folder.addEventListener("change", say);
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      var dt = e.dataTransfer;
      var entries = [];
      if (dt.items && dt.items.length && dt.items[0].webkitGetAsEntry) {
        Array.prototype.forEach.call(dt.items, function (it) { var en = it.webkitGetAsEntry(); if (en) { entries.push(en); } });
      }
      if (entries.length) {
        var out = [];
        Promise.all(entries.map(function (en) { return walk(en, "", out); })).then(function () { send(form, out); });
      } else {
        send(form, Array.prototype.map.call(dt.files, function (f) { return { file: f, name: f.name }; }));
      }
    });
    form.addEventListener("submit", function (e) {
      var list = items();
      if (!list.length) { return; }
      e.preventDefault();
      send(form, list);
    });
  }

  function initSort(root) {
    Array.prototype.forEach.call(root.querySelectorAll("table[data-sortable]"), function (table) {
      var heads = table.querySelectorAll("thead th");
      Array.prototype.forEach.call(heads, function (th, col) {
        if (th.querySelector("button")) { return; }
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = th.textContent;
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () {
          var numeric = th.getAttribute("data-type") === "num";
          var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
          if (!th.hasAttribute("aria-sort") && !numeric) { dir = "ascending"; }
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", dir);
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col].getAttribute("data-sort") || "";
            var y = b.cells[col].getAttribute("data-sort") || "";
            var c = numeric ? (Number(x) - Number(y)) : x.localeCompare(y);
            return dir === "ascending" ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  function init(root) { initUpload(root); initSort(root); }
  window.addEventListener("popstate", function () { location.reload(); });
  init(document);
})();
