"""The fetching layer of monitoring: getting news in, safely. Django-free.

Modules (import them directly; this package imports nothing so that light users such as
``polling`` do not load the HTML and feed libraries):

* :mod:`.safe_http` — :class:`SafeHttpClient`, an HTTP client that refuses internal addresses,
  pins the checked address, bounds size and time, and is polite (spacing, back-off, robots.txt);
* :mod:`.feeds` — RSS/Atom, sitemaps and Google News sitemaps to :class:`FeedEntry` lists;
* :mod:`.extract` — main text and metadata of article pages, with the feed summary as fallback;
* :mod:`.polling` — adaptive polling interval and source health alerts;
* :mod:`.imports` — CSV/JSON exports to monitoring input items;
* supporting modules: :mod:`.netguard` (address rules), :mod:`.policy` (limits, politeness),
  :mod:`.transport` (pinned connections), :mod:`.bodies` (bounded decompression),
  :mod:`.textdecode` (charset handling), :mod:`.dates` (publication times).
"""
