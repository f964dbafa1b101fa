"""The advice service: one answer to "where, with whom, what does it yield" per gemeente.

Composes the engines, computes nothing of its own: the partner finder chooses the groups
(preferring existing partner sets), the savings engine's ``estimate`` gives every band and
the verdict, the register's records (passed in by the adapter: live database or seed) give
the existing arrangements and partner sets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from regiokompas.advice._comparable import MIN_COMPARABLE, comparable_gemeenten
from regiokompas.advice._result import (
    Advice,
    Band,
    ExistingArrangement,
    GroupOption,
    LegalContext,
    SharedRegion,
    TaakveldAdvice,
    TangibleCount,
    keur,
    points,
)
from regiokompas.advice._settings import AdviceSettings
from regiokompas.advice._taakveld import parse_taakveld, series_name
from regiokompas.advice._texts import (
    AMOUNTS,
    AUTONOMY_SCALE,
    EXCLUDED,
    centre_sentence,
    congruence_sentence,
    covered_sentence,
    ranking_text,
    text,
)
from regiokompas.data import Dataset, RegiokompasError
from regiokompas.duties import VOLDAAN_KORT, duties_for
from regiokompas.i18n import N_, gettext
from regiokompas.partners import PartnerFinder, PartnerOption, ScopeResult
from regiokompas.register import Regeling, regelingen_of
from regiokompas.savings import EXPLORATION, existing_from_regelingen, label_in, whole_units

__all__ = ["advise", "legal_context"]

#: Why an advice in the exploratory mode ``fitted`` shows no opportunity.
EXPLORING = N_(
    "Verkenning (modus fitted): de dwarsdoorsnedecurve geeft geen eigen oordeel en doorstaat "
    "de terugtoets op fusies niet; geen kans. Kies modus literature voor een oordeel."
)

_ORDER = {s: i for i, s in enumerate(("kans", "geen_bewijs", "al_belegd", "uitgesloten"))}
_ORDER.update({"meerkosten": 4, "geen_groep": 5})


def _series(ds: Dataset, code: str) -> str | None:
    try:
        return parse_taakveld(ds, code).reeks
    except RegiokompasError:
        return None


class _Register:
    """The gemeente's own arrangements: partner sets and which series each covers."""

    def __init__(self, ds: Dataset, code: str, records: Sequence[Regeling]) -> None:
        self.code = code
        self.own = regelingen_of(code, records)
        self.sets = [frozenset(r.gemeenten) - {code} for r in self.own]
        self.distinct = {s for s in self.sets if s}
        self.covers: dict[str, list[Regeling]] = {}
        for r in self.own:
            for t in r.taakvelden:
                reeks = _series(ds, t)
                if reeks is not None and r not in self.covers.setdefault(reeks, []):
                    self.covers[reeks].append(r)

    def delta(self, partners: frozenset[str], scope: tuple[str, ...]) -> int:
        """Change in distinct partner sets if the gemeente adds this group for ``scope`` and
        drops the arrangements that covered only taakvelden inside ``scope``."""
        replaced = {
            id(r) for t in scope for r in self.covers.get(t, []) if set(r.taakvelden) <= set(scope)
        }
        kept = {s for r, s in zip(self.own, self.sets, strict=True) if s and id(r) not in replaced}
        return len(kept | {partners}) - len(self.distinct)

    def centre_roles(self, naam: str) -> dict[str, list[str]]:
        """Series where the gemeente is the centrumgemeente of an arrangement (the one named
        after the colon in the record's name, e.g. 'Centrumgemeente maatschappelijke opvang &
        beschermd wonen: Gouda (2016)'): its lasten there include tasks for the region."""
        roles: dict[str, list[str]] = {}
        for r in self.own:
            centre = re.sub(r"\s*\(\d{4}\)\s*$", "", r.naam.rpartition(": ")[2]).strip()
            if r.vorm != "centrumgemeente" or centre.casefold() != naam.casefold():
                continue
            for reeks, covering in self.covers.items():
                if r in covering and r.naam not in roles.setdefault(reeks, []):
                    roles[reeks].append(r.naam)
        return roles

    def containing(self, partners: frozenset[str]) -> tuple[str | None, bool]:
        """The arrangement whose partner set contains ``partners`` (smallest set first)."""
        hits = sorted(
            (
                (len(s), r.naam, s == partners)
                for r, s in zip(self.own, self.sets, strict=True)
                if s and partners <= s
            ),
        )
        if not hits:
            return None, False
        exact = [h for h in hits if h[2]]
        best = exact[0] if exact else hits[0]
        return best[1], best[2]


def _option(
    o: PartnerOption, reg: _Register, scope: tuple[str, ...], names: dict[str, str]
) -> GroupOption:
    partners = frozenset(o.partners)
    regeling, _ = reg.containing(partners)
    size = len(o.members)
    return GroupOption(
        leden=tuple(o.members),
        namen=tuple(o.namen),
        partners=tuple(o.partners),
        partner_namen=tuple(names[c] for c in o.partners),
        besparing_keur=keur(o.savings_keur),
        transactie_keur=keur(o.transaction_keur),
        netto_keur=keur(o.net_keur),
        autonomie_eigen=points(o.autonomy_loss / size if size else 0.0),
        autonomie_groep=points(o.autonomy_loss),
        pareto=o.pareto,
        gedeelde_regios=tuple(o.shared_regions),
        partnersets_delta=reg.delta(partners, scope),
        binnen_regeling=regeling,
    )


def _existing(r: Regeling, names: dict[str, str]) -> ExistingArrangement:
    return ExistingArrangement(
        naam=r.naam,
        vorm=r.vorm,
        gemeenten=r.gemeenten,
        namen=tuple(names.get(c, c) for c in r.gemeenten),
        taakvelden=tuple(r.taakvelden),
        historisch=r.historisch,
        te_verifieren=r.te_verifieren,
        bron=r.bron,
        id=r.id,
    )


def _scope_advice(
    ds: Dataset,
    engine: Any,
    code: str,
    naam: str,
    scope: ScopeResult,
    reg: _Register,
    settings: AdviceSettings,
    names: dict[str, str],
    language: str = "nl",
) -> TaakveldAdvice:
    taakvelden = tuple(scope.taakvelden)
    omschrijving = " + ".join(series_name(ds, t) for t in taakvelden)
    options = tuple(_option(o, reg, taakvelden, names) for o in scope.options)
    pareto = tuple(_option(o, reg, taakvelden, names) for o in scope.pareto)
    covering = [r for t in taakvelden for r in reg.covers.get(t, [])]
    bestaand = tuple(_existing(r, names) for r in dict.fromkeys(covering))
    base: dict[str, Any] = {
        "taakvelden": taakvelden,
        "label": scope.label,
        "omschrijving": omschrijving,
        "oordeel": None,
        "beste": options[0] if options else None,
        "opties": options,
        "pareto": pareto,
        "groepen_gewaardeerd": scope.groups_scored,
        "positief": scope.positive,
        "groep_jaar": None,
        "eigen_jaar": None,
        "groep_contante_waarde": None,
        "aanloop_jaren": None,
        "tastbaar": (),
        "bestaand": bestaand,
        "congruentie": "",
        "bronnen": (),
        "al_in": (),
    }
    if len(taakvelden) == 1 and taakvelden[0] in EXCLUDED:
        return TaakveldAdvice(
            status="uitgesloten", reden=text(EXCLUDED[taakvelden[0]], language), **base
        )
    if bestaand:
        return TaakveldAdvice(
            status="al_belegd",
            reden=covered_sentence([b.naam for b in bestaand], language),
            **base,
        )
    if not options:
        return TaakveldAdvice(
            status="geen_groep",
            reden=gettext("Geen aaneengesloten groep binnen de gekozen grenzen.", language),
            **base,
        )
    best = options[0]
    est = engine.estimate(
        list(best.leden), list(taakvelden), settings.vorm, draws=settings.draws, seed=settings.seed
    )
    verdict = str(est.verdict)
    # Only the engine's verdict makes a "kans"; the exploratory mode has none of its own
    # ("verkenning"), so it never presents an opportunity or extra costs.
    exploring = verdict == EXPLORATION or str(engine.mode) == "fitted"
    status = {"besparing": "kans", "meerkosten": "meerkosten"}.get(verdict, "geen_bewijs")
    if exploring:
        status = "geen_bewijs"
    regeling, exact = reg.containing(frozenset(best.partners))
    aanloop = est.assumptions.get("aanloop_jaren", {})
    base.update(
        oordeel=verdict,
        groep_jaar=Band.of(est.total),
        eigen_jaar=Band.of(est.per_member[code]),
        groep_contante_waarde=Band.of(est.npv),
        aanloop_jaren=float(max(aanloop[t] for t in taakvelden)) if aanloop else None,
        tastbaar=tuple(
            TangibleCount(t.naam, t.soort, keur(t.kosten_keur), _counts(t.aantal), t.bron)
            for t in est.tangible
            if verdict == "besparing"  # tangible units only for a robust saving
        ),
        congruentie=congruence_sentence(
            naam, len(reg.distinct), best.partnersets_delta, regeling, exact, language
        ),
        al_in=tuple(
            f"{names.get(m, m)}: {label_in(label, language)}"
            for m in best.leden
            for label in dict.fromkeys(est.bestaande.get(m, {}).values())
        ),
        bronnen=tuple(map(str, est.sources)),
    )
    reden = {
        "kans": N_(
            "De contante waarde van de beste groep overleeft de onzekerheid (P10 boven nul)."
        ),
        "meerkosten": N_("Samenwerken kost hier naar verwachting geld (P90 onder nul): geen kans."),
    }.get(status, N_("Geen bewijs van besparing: de bandbreedte omvat nul."))
    if exploring:
        reden = EXPLORING
    reden = gettext(reden, language)
    return TaakveldAdvice(status=status, reden=reden, **base)


def _with_role(
    t: TaakveldAdvice, naam: str, roles: dict[str, list[str]], language: str = "nl"
) -> TaakveldAdvice:
    names = [n for reeks in t.taakvelden for n in roles.get(reeks, [])]
    if not names:
        return t
    return replace(t, centrumgemeente=centre_sentence(naam, names, language))


def _counts(r: Any) -> Band:
    """Tangible things (kunstgrasvelden) in whole units, never negative."""
    return Band(float(whole_units(r.p10)), float(whole_units(r.p50)), float(whole_units(r.p90)))


#: One legal duty in the advice's legal context (law and article are cited as written).
_LEGAL_LINE = N_("{wet} ({status}); {verplicht}; regio: {regio}; in register: {register}")
_REQUIRED = N_("verplicht")
_CHOICE = N_("keuze gemeente")


def legal_context(
    ds: Dataset,
    code: str,
    records: Sequence[Regeling],
    register_bron: str,
    language: str = "nl",
) -> tuple[LegalContext, ...]:
    """Per legal duty and taakveld: the duty, the gemeente's region and whether the register
    (the same records as the advice) shows it met. The chapter's "Wat moet" and the duties
    page call :func:`regiokompas.duties.duties_for` with these same records."""
    report = duties_for(ds, code, records, register_bron=register_bron or "register")
    out = []
    for row in report.rows:
        d = row.duty
        tekst = gettext(_LEGAL_LINE, language).format(
            wet=d.bron_tekst,
            status=d.status_in(language),
            verplicht=gettext(_REQUIRED if d.required else _CHOICE, language),
            regio=row.regio_tekst,
            register=gettext(VOLDAAN_KORT[row.voldaan], language),
        )
        for taakveld in d.taakvelden:
            out.append(
                LegalContext(
                    taakveld=taakveld,
                    tekst=tekst,
                    bron=d.bron_url or d.bron_tekst,
                    plicht=d.id,
                    verplicht=bool(d.required),
                    regio=row.regio_tekst,
                    voldaan=row.voldaan,
                    regelingen=tuple(row.regelingen),
                )
            )
    return tuple(out)


def advise(
    ds: Dataset,
    engine: Any,
    gemeente: str,
    settings: AdviceSettings,
    records: Sequence[Regeling],
    register_bron: str = "",
    language: str = "nl",
) -> Advice:
    """The advice for ``gemeente`` (code or forgiving name) under ``settings``.

    The advice's sentences (ranking, reasons, congruence, centrumgemeente) are written in
    ``language``; its numbers and machine values (status, verdict) do not depend on it.

    ``engine`` is a :class:`~regiokompas.savings.SavingsEngine` in ``settings.mode``;
    ``records`` the register's arrangements (live database or seed; the adapter loads them).

    >>> from regiokompas.data import load_dataset
    >>> from regiokompas.savings import SavingsEngine
    >>> ds = load_dataset()
    >>> engine = SavingsEngine.from_dataset(ds, mode="literature")
    >>> a = advise(ds, engine, "Gouda", AdviceSettings(mode="literature", group_size=2,
    ...            taakvelden=("7.3",)), records=())
    >>> a.gemeente, [t.label for t in a.taakvelden]
    ('GM0513', ['7.3'])
    """
    if str(getattr(engine, "mode", settings.mode)) != settings.mode:
        raise RegiokompasError(
            "Het besparingsmodel draait in een andere modus dan gevraagd.",
            "The savings engine runs in another mode than asked for.",
        )
    code = ds.gemeente(gemeente).code
    names = dict(zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"].astype(str), strict=True))
    naam = names[code]
    reg = _Register(ds, code, records)
    # Existing cooperation counted once: members already in an arrangement on a taakveld get
    # the switching prior, in the partner finder's fast values and in the estimate alike. The
    # records are the adapter's (live database or seed), so the live register drives it.
    engine = engine.with_existing(existing_from_regelingen(records))
    reeksen = (
        [parse_taakveld(ds, t).reeks for t in settings.taakvelden] if settings.taakvelden else None
    )
    report = PartnerFinder(
        ds,
        engine,
        code,
        taakvelden=reeksen,
        max_size=settings.group_size,
        within=settings.within,
        vorm=settings.vorm,
        autonomy_price=settings.autonomy_price,
        top=settings.top,
        existing_sets=tuple(reg.distinct) if settings.prefer_existing else (),
    ).find()
    roles = reg.centre_roles(naam)
    items = [
        _with_role(
            _scope_advice(ds, engine, code, naam, s, reg, settings, names, language),
            naam,
            roles,
            language,
        )
        for s in report.scopes
    ]
    items.sort(
        key=lambda t: (
            _ORDER[t.status],
            -(t.groep_contante_waarde.p50 if t.groep_contante_waarde else float("-inf")),
            tuple(int(p) for p in t.taakvelden[0].split(".")),
        )
    )
    peers = comparable_gemeenten(ds, code, MIN_COMPARABLE)
    return Advice(
        gemeente=code,
        naam=naam,
        instellingen=settings.as_dict(),
        taakvelden=tuple(items),
        rangorde=ranking_text(settings.include_no_evidence, settings.prefer_existing, language),
        autonomie_schaal=text(AUTONOMY_SCALE, language),
        bedragen=text(AMOUNTS, language),
        partnersets=len(reg.distinct),
        regelingen=len(reg.own),
        register_bron=register_bron,
        vergelijkbaar=peers,
        vergelijkbaar_namen=tuple(names[c] for c in peers),
        vergelijkbaar_kenmerken=gettext(
            "inwoners, dichtheid, stedelijkheid, leeftijdsopbouw, huishoudens, herkomst (CBS "
            "Kerncijfers wijken en buurten 2023) en provincie",
            language,
        ),
        bron=gettext(
            "CBS Iv3 jaarrekening {jaar}; Regiokompas besparingsmodel (modus {modus}, "
            "{n} trekkingen)",
            language,
        ).format(jaar=engine.jaar, modus=engine.mode, n=settings.draws),
        jaar=int(engine.jaar),
        modus=str(engine.mode),
        horizon=int(engine.horizon),
        discontovoet=float(engine.discount_rate),
        binnen_regio=report.within_region,
        centrumrollen=tuple(
            (reeks, regeling) for reeks in sorted(roles) for regeling in roles[reeks]
        ),
        regios=tuple(
            SharedRegion(r.regiotype, r.regio_code, r.regio_naam, r.partners)
            for r in report.shared_regions
        ),
        notities=tuple(report.notes),
        juridisch=legal_context(ds, code, records, register_bron, language),
    )
