/* Appended to the theme's Dutch lunr file by the site hook (see catalogus/site.py).
   Material appends a trailing wildcard to every query term, and lunr skips its pipeline, and so
   the Dutch stemmer, for wildcard terms: "overstromingen*" never matched the indexed stem
   "overstrom". Here each such term is stemmed before the wildcard. Stemming the term itself,
   rather than leaving it to the pipeline, also lets Material see that "woningsluiting" matched
   the indexed "woningsluit", instead of listing it under "Ontbreekt".
   The Dutch trimmer also strips digits from the ends of words, so the index held "b" for "13b"
   and a search for "13b" or "174a" found nothing; here digits count as part of a word. */
(function () {
  var stem = function (text) {
    return lunr.nl.stemmer(new lunr.Token(text)).toString();
  };
  var nextClause = lunr.QueryParser.prototype.nextClause;
  lunr.QueryParser.prototype.nextClause = function () {
    var clause = this.currentClause;
    if (clause.usePipeline === false && /^[^*]+\*$/.test(clause.term)) {
      clause.term = stem(clause.term.slice(0, -1)) + "*";
    }
    return nextClause.call(this);
  };
  var trimmer = lunr.trimmerSupport.generateTrimmer(lunr.nl.wordCharacters + "0-9");
  lunr.Pipeline.registerFunction(trimmer, "wwTrimmer");
  // The theme's Dutch set-up reads lunr.nl.trimmer when it runs, so this one takes its place.
  lunr.nl.trimmer = trimmer;
})();
