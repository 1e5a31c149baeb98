"""Widgets of the newsdesk app, one per module.

Where a widget stands in for one of Textual's, this is the one place that says why; each stays only while the
reason holds (measure again with ``make bench``, or by swapping the framework's widget in ``bench/probe.py``):

- ``bars.TitleBar`` and ``bars.KeyBar`` for Textual's ``Header`` and ``Footer``: one widget each, drawn
  straight to segments, where the framework's mount a widget per part (the Footer one per key, recomposed at
  every focus change). Measured 2026-12-02, 2 cores, the 31-article fixture store at 160×45, 12 interleaved
  launches each, process start to first painted list: 266 ms with these bars, 347 ms with Header and Footer
  (1.30×); again with 24 launches each, 326 ms against 413 ms (1.27×).
- ``lazy_list.LazyList`` (the entity and quote panes) for ``OptionList``: a virtual list that draws only the
  entries on screen, for articles of 10,000 quotes, where OptionList builds every option at once; the
  entries it has drawn are kept in Textual's own ``LRUCache``. ``result_list.ResultList``, the search's results,
  is one too: a search paged to its last of 100,000 matches would be 100,000 options.
- ``article_list.ArticleList`` for ``DataTable``: a virtual list of a million rows, fetched by pages.

``grip.Grip`` (a border to drag) and ``article_body.ArticleBody`` (wrapped text with linked items) have no
counterpart in Textual.
"""
