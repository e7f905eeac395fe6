"""Test helpers: project paths and small TM documents."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tm" / "fr-FR" / "canceling-your-subscription.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "fr-FR" / "AlchemyInsights"


def segment(seg_id: str, target: str, source: str) -> str:
    """One segment in TM markup."""
    return (f'<span data-ttu-id="{seg_id}">{target}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{seg_id}">{source}</span></span>')


def tm_file(body: str, *, locale: str = "fr-FR", title: str = "Titre", kind: str = "MT") -> str:
    """A small TM file: front matter like the pipeline's, then ``body``."""
    return (f"---\ntitle: {title}\nms.translationtype: {kind}\nms.contentlocale: {locale}\n"
            f"ms.lasthandoff: 04/22/2020\n---\n{body}")
