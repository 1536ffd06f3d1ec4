"""Analysis over the stream of articles: terms per day and the trend and weak-signal detectors
(``signals``). Detectors are fed (day, items) one observed day at a time and never look ahead."""
