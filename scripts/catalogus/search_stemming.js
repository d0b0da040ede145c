/* Appended to the theme's Dutch lunr file by the site hook (see catalogus/site.py).
   Material appends a trailing wildcard to every query term, and lunr skips its pipeline, and so
   the Dutch stemmer, for wildcard terms: "overstromingen*" never matched the indexed stem
   "overstrom". Here each such term is stemmed first and the wildcard put back afterwards.
   The Dutch trimmer also strips digits from the ends of words, so the index held "b" for "13b"
   and a search for "13b" or "174a" found nothing; here digits count as part of a word. */
(function () {
  var nextClause = lunr.QueryParser.prototype.nextClause;
  lunr.QueryParser.prototype.nextClause = function () {
    var clause = this.currentClause;
    if (clause.usePipeline === false && /^[^*]+\*$/.test(clause.term)) {
      clause.term = clause.term.slice(0, -1);
      clause.usePipeline = true;
    }
    return nextClause.call(this);
  };
  var prefix = function (token) {
    return token.update(function (text) { return text + "*"; });
  };
  lunr.Pipeline.registerFunction(prefix, "wwPrefix");
  var trimmer = lunr.trimmerSupport.generateTrimmer(lunr.nl.wordCharacters + "0-9");
  lunr.Pipeline.registerFunction(trimmer, "wwTrimmer");
  var dutch = lunr.nl;
  lunr.nl = function () {
    dutch.apply(this, arguments);
    this.searchPipeline.add(prefix);
  };
  // The theme's Dutch set-up reads lunr.nl.trimmer when it runs, so this one takes its place.
  Object.assign(lunr.nl, dutch, { trimmer: trimmer });
})();
