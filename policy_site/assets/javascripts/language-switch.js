// Keep the reader's section when switching language: heading ids are the same in every language.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[hreflang]");
  if (link && location.hash) link.hash = location.hash;
}, true);
