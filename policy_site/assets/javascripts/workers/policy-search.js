// Material's search worker, taught two things its queries cannot do: find an inflected form through
// its stem (protecting -> protection, utilizamos -> utilizar) and find a word typed without its
// diacritics (du lieu -> dữ liệu, informacoes -> informações). Material appends a wildcard to every
// query term, which skips lunr's stemmer, so the index gets two extra fields, made here from the
// page text with lunr-languages' own stemmers, and each query term is looked up in them as well.
// The index's config.policy says which apply: {"stemmer": "en" | "pt", "fold": true}.
"use strict";

var material = new URL(location.href).searchParams.get("material");
var mine = new WeakSet();

// Material's handler imports the lunr-languages files its index needs; setup() may have imported
// them first (for the stemmer), and lunr warns when a language registers itself twice.
var imported = new Set();
var importEach = self.importScripts;
self.importScripts = function () {
  var urls = Array.prototype.filter.call(arguments, function (url) {
    var absolute = new URL(url, location.href).href;
    return !imported.has(absolute) && imported.add(absolute);
  });
  if (urls.length) importEach.apply(self, urls);
};

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

function words(html) {
  return html.replace(/<[^>]*>/g, " ").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function stemmerOf(language) {
  if (language === "en") return lunr.stemmer;
  importScripts("../lunr/min/lunr.stemmer.support.min.js", "../lunr/min/lunr." + language + ".min.js");
  return lunr[language].stemmer;
}

function stem(stemmer, word) {
  return stemmer(new lunr.Token(word)).toString();
}

var extra = null;  // {stemmer, fold} of this index, once it is set up

function setup(data) {
  var policy = data.config.policy || {};
  extra = {stemmer: policy.stemmer ? stemmerOf(policy.stemmer) : null, fold: Boolean(policy.fold)};
  if (extra.stemmer) data.config.fields.stems = {boost: 0.5};
  if (extra.fold) data.config.fields.folded = {boost: 0.5};
  data.docs.forEach(function (doc) {
    var all = words((doc.title || "") + " " + (doc.text || ""));
    if (extra.stemmer) doc.stems = all.map(function (word) { return stem(extra.stemmer, word); }).join(" ");
    if (extra.fold) doc.folded = fold(all.join(" "));
  });
  return data;
}

function query(text) {
  var terms = text.trim().split(/\s+/).filter(function (term) { return /^[\p{L}\p{N}]+$/u.test(term); });
  var more = [];
  terms.forEach(function (term) {
    if (extra.stemmer) more.push("stems:" + stem(extra.stemmer, term.toLowerCase()));
    if (extra.fold) more.push("folded:" + fold(term.toLowerCase()));
  });
  return more.length ? text + " " + more.join(" ") : text;
}

// Registered before Material's own handler: each message is rewritten, then handed on to it.
addEventListener("message", function (event) {
  if (mine.has(event)) return;
  var message = event.data;
  if (message.type === 0) message = {type: 0, data: setup(message.data)};
  else if (message.type === 2 && extra && (extra.stemmer || extra.fold)) message = {type: 2, data: query(message.data)};
  else return;
  event.stopImmediatePropagation();
  var next = new MessageEvent("message", {data: message});
  mine.add(next);
  dispatchEvent(next);
});

importScripts(material);
