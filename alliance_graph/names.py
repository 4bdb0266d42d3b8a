"""State names users read and codes users type.

**Display names.** A state that exists today is shown by its current English short name,
country_converter's ``name_short`` for its ISO 3166 alpha-3 code (Stadler, K. 2017, "The
country converter coco — a Python package for converting country names between
different classification schemes", *Journal of Open Source Software* 2(16): 332): Türkiye,
Eswatini, North Macedonia, Côte d'Ivoire, Cabo Verde, Timor-Leste, Czechia. A state that
no longer exists keeps COW's name, spelt right (``SPELLING``). COW's own name stays on
the node as ``cow_name``. Where one COW code covers a state that changed its name, the
name of a year is the one it held at the end of that year (``NAME_CHANGES``).

**Codes.** Every state option takes a COW abbreviation (``TUR``), a COW number (``640``),
an ISO 3166 alpha-3 code (``SRB``) or a name (``Türkiye``, ``Turkey``), resolved in that
order of precedence, case- and accent-insensitively: a whole number is a COW number; a
text that is some actor's COW abbreviation is that actor, even where it is another
state's ISO code (``SLV`` is COW's Slovenia, not ISO's El Salvador — ``COLLISIONS`` lists
every such code); then ISO alpha-3, then a name (display name, COW's name, a former name,
then country_converter's name patterns). Anything else, or a name matching several
states, is one line with the nearest matches.
"""

from __future__ import annotations

import difflib
import logging
import unicodedata
import warnings

import pandas as pd

from .errors import UnknownCodeError

NAME_SOURCE = ("current English short names: country_converter name_short (Stadler 2017, "
               "JOSS 2(16): 332); historical states: COW State System Membership v2016")

# COW names of historical states, spelt as the states spelt themselves (COW v2016 has
# "Wuerttemburg" for the Kingdom of Württemberg and drops the hyphen of Mecklenburg-Schwerin)
SPELLING = {271: "Württemberg", 280: "Mecklenburg-Schwerin"}

# ccode → ((last year, name), …): the names a COW code held before its current one.
# COW 345 is Yugoslavia continued by Serbia. The Federal Republic of Yugoslavia became
# Serbia and Montenegro on 4 Feb 2003 (U.S. Department of State, Public Notice 4592,
# 69 FR 3188, 22 Jan 2004); Serbia continued the state union's UN membership after
# Montenegro's independence of 3 June 2006 (UN Security Council Report, Update Report
# No. 6, June 2006: President Tadić's letter to the Secretary-General).
# Before that, COW 345 is the Kingdom of Serbia (1878–1918): the Kingdom of Serbs, Croats
# and Slovenes, Yugoslavia from 1929, was proclaimed on 1 Dec 1918. COW gives one code and
# today's name to states whose name changed with their regime; a reader of 1962 expects the
# Soviet Union, of 1850 Prussia and the Ottoman Empire. COW 365 is the Soviet Union from
# the Treaty on the Creation of the USSR (30 Dec 1922) to its end (26 Dec 1991); 640 the
# Ottoman Empire until the Grand National Assembly abolished the sultanate (1 Nov 1922);
# 255 Prussia until the German Empire (18 Jan 1871); 300 the Austrian Empire until the
# Compromise of 1867 made it Austria-Hungary; 325 Sardinia until the Kingdom of Italy
# (17 Mar 1861); 816 North Vietnam (the Democratic Republic of Vietnam) until the
# Socialist Republic of Vietnam of the reunified country (2 Jul 1976). Sources:
# Encyclopaedia Britannica's articles "Soviet Union", "Ottoman Empire", "Prussia",
# "Austria-Hungary", "Risorgimento", "Yugoslavia", "Vietnam: the reunification".
NAME_CHANGES = {
    345: ((1917, "Serbia"), (2002, "Yugoslavia"), (2005, "Serbia and Montenegro")),
    365: ((1921, "Russia"), (1990, "Soviet Union")),
    640: ((1922, "Ottoman Empire"),),
    255: ((1870, "Prussia"),),
    300: ((1866, "Austrian Empire"),),
    325: ((1860, "Sardinia"),),
    816: ((1975, "North Vietnam"),),
}

# names users type for states whose display name is another (option values only)
OTHER_NAMES = {365: ("USSR",), 260: ("West Germany",), 265: ("East Germany",),
               817: ("South Vietnam",)}


def name_in(ccode, year: int, name: str) -> str:
    """The name of state ``ccode`` at the end of ``year`` (``name``: its current one)."""
    for last, former in NAME_CHANGES.get(int(ccode), ()) if pd.notna(ccode) else ():
        if year <= last:
            return former
    return name


def names_in(table: pd.DataFrame, year: int) -> pd.Series:
    """Column ``name`` of ``table`` (with ``ccode``) as of ``year``."""
    names = table["name"].copy()
    if "ccode" not in table:
        return names
    changed = table["ccode"].isin(list(NAME_CHANGES))
    if changed.any():
        names[changed] = [name_in(c, year, n) for c, n in
                          zip(table.loc[changed, "ccode"], names[changed])]
    return names


def names_by_year(names, ccodes, years) -> list[str]:
    """Row by row: the name of state ``ccode`` in ``year`` (``names``: current names)."""
    return [name_in(c, int(y), n) if pd.notna(c) and int(c) in NAME_CHANGES else n
            for n, c, y in zip(names, ccodes, years)]


def fold(text: str) -> str:
    """Case, accents and punctuation folded: 'Côte d’Ivoire' → 'cote d ivoire'."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


def collisions(actors: pd.DataFrame) -> pd.DataFrame:
    """Codes that are one actor's COW abbreviation and another state's ISO alpha-3 code:
    the COW meaning wins (columns code, cow_state, iso_state)."""
    iso = actors.dropna(subset=["iso3"])
    iso = iso[iso["iso3"] != iso.index]
    clash = iso[iso["iso3"].isin(actors.index)]
    return pd.DataFrame({"code": clash["iso3"].to_numpy(),
                         "cow_state": actors.loc[clash["iso3"], "name"].to_numpy(),
                         "iso_state": clash["name"].to_numpy()}).sort_values(
                             "code", ignore_index=True)


class CodeCollisionWarning(UserWarning):
    """A code typed by the user is a COW abbreviation and another state's ISO code."""


def _converter_iso3(text: str) -> list[str]:
    """ISO alpha-3 codes country_converter's name patterns find in ``text``."""
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    found = coco.CountryConverter().convert(text, to="ISO3", not_found=None)
    found = found if isinstance(found, list) else [found]
    return [f for f in found if isinstance(f, str) and len(f) == 3 and f.isupper()]


class Resolver:
    """Resolves what a user typed to an actor code of ``actors`` (index ``code``; columns
    ``name`` and, for states, ``ccode``, ``iso3``, ``cow_name``)."""

    def __init__(self, actors: pd.DataFrame):
        self.actors = actors
        get = lambda column: actors[column] if column in actors else pd.Series(  # noqa: E731
            pd.NA, index=actors.index)
        self.by_code = {str(c).upper(): c for c in actors.index}
        self.by_ccode = {int(n): c for c, n in get("ccode").dropna().items()}
        self.by_iso = {str(i).upper(): c for c, i in get("iso3").dropna().items()}
        names: dict[str, set[str]] = {}
        for column in ("name", "cow_name"):
            for code, name in get(column).dropna().items():
                names.setdefault(fold(name), set()).add(code)
        for ccode, changes in NAME_CHANGES.items():
            if ccode in self.by_ccode:
                for _, former in changes:
                    names.setdefault(fold(former), set()).add(self.by_ccode[ccode])
        for ccode, others in OTHER_NAMES.items():
            if ccode in self.by_ccode:
                for other in others:
                    names.setdefault(fold(other), set()).add(self.by_ccode[ccode])
        self.by_name = names

    def resolve(self, text: str, what: str = "actor") -> str:
        """The actor code ``text`` names, or an error listing the nearest matches."""
        raw = str(text).strip()
        key = raw.upper()
        if raw.isdigit():
            if int(raw) in self.by_ccode:
                return self.by_ccode[int(raw)]
            raise self._unknown(raw, what)
        if key in self.by_code:
            other = self.by_iso.get(key)
            if other is not None and other != self.by_code[key]:
                warnings.warn(f"{key} is COW's {self.actors.loc[self.by_code[key], 'name']}; "
                              f"for ISO {key} give {self._label(other)} by COW code or name",
                              CodeCollisionWarning, stacklevel=2)
            return self.by_code[key]
        if key in self.by_iso:
            return self.by_iso[key]
        found = self.by_name.get(fold(raw), set())
        if not found and len(raw) > 3:
            found = {self.by_iso[i] for i in _converter_iso3(raw) if i in self.by_iso}
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise UnknownCodeError(f"ambiguous {what} {raw}: it names "
                                     + ", ".join(self._label(c) for c in sorted(found)))
        raise self._unknown(raw, what)

    def _label(self, code: str) -> str:
        row = self.actors.loc[code]
        ccode = row.get("ccode")
        number = f" {int(ccode)}" if pd.notna(ccode) else ""
        iso = row.get("iso3")
        return f"{code}{number} ({row['name']}{f', ISO {iso}' if pd.notna(iso) else ''})"

    def _unknown(self, raw: str, what: str) -> UnknownCodeError:
        key, folded = raw.upper(), fold(raw)
        near = difflib.get_close_matches(key, list(self.by_code) + list(self.by_iso), 3, 0.6)
        codes = [self.by_code.get(n) or self.by_iso[n] for n in near]
        names = difflib.get_close_matches(folded, list(self.by_name), 3, 0.6)
        for name in names:
            codes.extend(sorted(self.by_name[name]))
        codes = list(dict.fromkeys(codes))[:5]
        hint = ("; did you mean " + "; ".join(self._label(c) for c in codes) + "?" if codes
                else "")
        return UnknownCodeError(f"unknown {what} {raw} (give a COW abbreviation, COW number, "
                                f"ISO alpha-3 code or name){hint}")

    def hint(self, text: str, what: str = "state") -> str:
        """For a data file, which takes COW abbreviations only: what ``text`` would name
        as an option ("Türkiye is TUR 640 (…)"), or why it names none."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", CodeCollisionWarning)
                code = self.resolve(text, what)
        except UnknownCodeError as error:
            return str(error).split(")", 1)[-1].lstrip("; ") if "ambiguous" not in str(
                error) else str(error)
        return f"data files take COW abbreviations: {text} is {self._label(code)}"

    def resolve_all(self, texts, what: str = "actor") -> list[str]:
        return [self.resolve(t, what) for t in texts if str(t).strip()]
