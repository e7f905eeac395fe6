/* Search worker with stemming that keeps the theme's search-as-you-type working.

   Material's worker turns every query word `w` into the prefix `w*`, and lunr
   does not stem wildcard terms: with a stemmer in the index pipeline the index
   holds `abon` and `abonnement*` finds nothing. This wrapper loads Material's
   worker (its file name is the `worker` parameter of this script's URL, set by
   tools/sxs/site/multilingual.py) and adjusts lunr, which it leaves in `self.lunr`:

   - indexing keeps every word as written (for prefixes) and adds its stem,
     marked with STEM so that prefixes never match stems;
   - each plain query word also looks up its own marked stem (another
     inflection of the same word: "annulation" finds "annuler");
   - results name matches by the query word and never count a position twice,
     so Material's highlighting and "missing term" notes stay right;
   - a Japanese or Chinese query word is cut into words as the indexed text was
     (Material's worker cuts only the text), and Chinese is cut at all (Intl.Segmenter).

   Lives next to Material's worker: the worker loads lunr's languages from `../lunr`. */
"use strict";

(function () {
  var name = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) {
    throw new Error("sxs-search.js: expected ?worker=search.<hash>.min.js, got " + name);
  }
  importScripts(name);

  var lunr = self.lunr;
  var STEM = "\u0001";

  /* The pipeline's only stemmer (lunr's registered "stemmer" or "stemmer-<lang>"), if any. */
  function stemmerOf(pipeline) {
    var labels = pipeline.toJSON().filter(function (label) {
      return /^stemmer(-|$)/.test(label);
    });
    return labels.length === 1 ? lunr.Pipeline.registeredFunctions[labels[0]] : null;
  }

  function registered(fn, label) {
    if (!(label in lunr.Pipeline.registeredFunctions)) {
      lunr.Pipeline.registerFunction(fn, label);
    }
    return lunr.Pipeline.registeredFunctions[label];
  }

  function markedStem(stemmer, token) {
    return stemmer(token.clone()).update(function (stem) { return STEM + stem; });
  }

  /* Swap `stemmer` for `fn` in `pipeline`. */
  function replace(pipeline, stemmer, fn) {
    pipeline.after(stemmer, fn);
    pipeline.remove(stemmer);
  }

  /* Before the first document is indexed (the theme has set the pipelines up by then). */
  function setUpStemming(builder) {
    var stemmer = stemmerOf(builder.pipeline);
    if (!stemmer || stemmerOf(builder.searchPipeline) !== stemmer) {
      return false;
    }
    replace(builder.pipeline, stemmer, registered(function (token) {
      return [token, markedStem(stemmer, token)];
    }, "sxs-index-" + stemmer.label));
    replace(builder.searchPipeline, stemmer, registered(function (token) {
      // Prefixes (the theme's suggestions) stay as typed.
      return token.toString().indexOf("*") === -1 ? markedStem(stemmer, token) : token;
    }, "sxs-search-" + stemmer.label));
    return true;
  }

  /* Chinese: the theme cuts words only with lunr.segmenter, which it makes for Japanese alone
     (TinySegmenter); Chinese gets the browser's own word segmentation (Intl.Segmenter). */
  function ChineseSegmenter() {
    var words = new Intl.Segmenter("zh", { granularity: "word" });
    this.ctype_ = function (text) {
      return /\p{Script=Han}/u.test(text) ? "H" : "O";
    };
    this.segment = function (text) {
      return Array.from(words.segment(text), function (part) { return part.segment; });
    };
  }

  function isChinese(pipeline) {
    return pipeline.toJSON().some(function (label) { return /-zh$/.test(label); });
  }

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (this.sxsStemming === undefined) {
      if (!lunr.segmenter && typeof Intl.Segmenter === "function" && isChinese(this.pipeline)) {
        lunr.segmenter = new ChineseSegmenter();
      }
      this.sxsStemming = setUpStemming(this);
    }
    return add.call(this, doc, attributes);
  };

  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var index = build.call(this);
    index.sxsStemming = this.sxsStemming === true;
    return index;
  };

  /* A word the theme made a prefix (`w*`): optional, no other wildcard, not fuzzy. */
  function isPlainPrefix(clause) {
    return !clause.usePipeline && !clause.editDistance
      && clause.presence === lunr.Query.presence.OPTIONAL && /^[^*]+\*$/.test(clause.term);
  }

  /* Metadata keys of the query's stems become the query word; positions count once. */
  function tidy(metadata, words) {
    var seen = Object.create(null);
    var keys = Object.keys(metadata).sort(function (a, b) {
      return (a.charAt(0) === STEM) - (b.charAt(0) === STEM);  // words as written first
    });
    keys.forEach(function (key) {
      var fields = metadata[key];
      var name = key.charAt(0) === STEM && words[key] ? words[key] : key;
      delete metadata[key];
      var target = metadata[name] = metadata[name] || {};
      Object.keys(fields).forEach(function (field) {
        var known = seen[field] = seen[field] || new Set();
        var fresh = (fields[field].position || []).filter(function (p) { return !known.has(p); });
        fresh.forEach(function (p) { known.add(p); });
        if (fresh.length) {
          var before = target[field] ? target[field].position : [];
          target[field] = Object.assign({}, fields[field], { position: before.concat(fresh) });
        }
      });
    });
  }

  /* A query word that the theme's tokenizer would cut into several words when indexing (Japanese,
     Chinese: lunr.segmenter) becomes those words, all required; the last keeps the theme's prefix `*`. */
  function segmentClauses(q) {
    var segmenter = lunr.segmenter;
    if (!segmenter) {
      return;
    }
    q.clauses = q.clauses.reduce(function (clauses, clause) {
      var prefix = /\*$/.test(clause.term);
      var word = prefix ? clause.term.slice(0, -1) : clause.term;
      var pieces = /^[MHIK]$/.test(segmenter.ctype_(word)) && word.indexOf("*") === -1
        ? segmenter.segment(word) : [word];
      if (pieces.length < 2) {
        return clauses.concat([clause]);
      }
      return clauses.concat(pieces.map(function (piece, index) {
        var last = index === pieces.length - 1;
        return Object.assign({}, clause, {
          term: piece.toLowerCase() + (last && prefix ? "*" : ""),
          wildcard: last ? clause.wildcard : lunr.Query.wildcard.NONE,
          presence: lunr.Query.presence.REQUIRED
        });
      }));
    }, []);
  }

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    if (!this.sxsStemming) {
      return query.call(this, function (q) {
        fn.call(q, q);
        segmentClauses(q);
      });
    }
    var pipeline = this.pipeline;
    var words = Object.create(null);  // marked stem -> query word
    var results = query.call(this, function (q) {
      fn.call(q, q);
      segmentClauses(q);
      q.clauses.slice().forEach(function (clause) {
        var word = clause.term;
        if (isPlainPrefix(clause)) {
          word = word.slice(0, -1);
          q.clause({ term: word, fields: clause.fields, boost: clause.boost });
        } else if (!clause.usePipeline) {
          return;
        }
        pipeline.runString(word).forEach(function (stem) { words[stem] = word; });
      });
    });
    results.forEach(function (result) { tidy(result.matchData.metadata, words); });
    return results;
  };
})();
