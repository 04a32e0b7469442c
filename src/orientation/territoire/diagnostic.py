"""Le diagnostic territorial d'une cohorte repérée : ce qu'une CPTS ou le bureau d'un DAC veut
voir du territoire (seed 003 : « un diagnostic territorial partagé » ; troisième mission du
DAC, la coordination territoriale).

Chaque figure est un tableau de chiffres (effectif et part) et un titre ; ``graphiques`` en
fait des graphiques, ``rapport`` un rapport HTML ou PDF. Les totaux tombent juste :
- une figure « une catégorie par patient » (niveaux, niveaux par tranche d'âge ou par commune)
  compte chaque patient une fois, et la somme de ses effectifs est la cohorte ;
- une figure « plusieurs par patient » (clusters, acteurs, fonctions d'appui, alertes,
  règles) rapporte chaque effectif à toute la cohorte, et dit combien de patients n'en ont
  aucun : « au moins un » + « aucun » = la cohorte.

Aucun seuil ni libellé n'est écrit ici : les libellés viennent du catalogue
(``referentiel.libelles``), les bornes des tranches d'âge et la file active d'une fonction
d'appui des paramètres (``rules/parametres.yaml`` : ``majorite.age``, ``apa.age_minimal``,
``paerpa.age_minimal``, ``<appui>.file_active``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from orientation.referentiel import Referentiel
from orientation.referentiel.libelles import libelle
from orientation.referentiel.vocabulaire import vocabulaire
from orientation.tables.colonnes import SEPARATEUR_LISTE
from orientation.territoire.lecture import COLONNE_COMMUNE, CohorteReperee

# Les seuils d'âge des règles qui découpent la population (valeurs dans parametres.yaml).
BORNES_AGE = ("majorite.age", "apa.age_minimal", "paerpa.age_minimal")
SUFFIXE_FILE_ACTIVE = ".file_active"
COMMUNES_MAX = 25  # au-delà, les plus petites communes sont regroupées
REGLES_MAX = 15
APPUI_LACUNE = "dac_coordination_territoriale"
CHAMP_SANS_SOLUTION = "handicap.sans_solution"
NON_RENSEIGNE = vocabulaire().texte("non_renseigne")


@dataclass
class Figure:
    """Un chiffre du territoire : un tableau (colonnes ``effectif`` et ``part``), ce qu'il
    compte, et le total auquel les parts se rapportent."""

    id: str
    titre: str
    note: str
    tableau: pd.DataFrame
    total: int
    une_par_patient: bool  # chaque patient compté une fois : la somme des effectifs = total
    avec_aucun: int | None = None  # figures « plusieurs par patient » : patients sans aucun

    def en_dict(self) -> dict[str, Any]:
        return {"id": self.id, "titre": self.titre, "note": self.note, "total": self.total,
                "une_par_patient": self.une_par_patient, "aucun": self.avec_aucun,
                "lignes": self.tableau.to_dict("records")}


@dataclass
class Diagnostic:
    source: str
    version: str  # version du référentiel
    lues: int
    reperees: int
    rejetees: int
    deja_reperee: bool
    figures: list[Figure] = field(default_factory=list)
    remarques: list[str] = field(default_factory=list)

    def figure(self, ident: str) -> Figure | None:
        return next((f for f in self.figures if f.id == ident), None)

    def en_dict(self) -> dict[str, Any]:
        return {"source": self.source, "referentiel": self.version, "lues": self.lues,
                "reperees": self.reperees, "rejetees": self.rejetees,
                "deja_reperee": self.deja_reperee, "remarques": list(self.remarques),
                "figures": [f.en_dict() for f in self.figures]}


def part(effectif: int, total: int) -> float:
    return round(effectif / total, 4) if total else 0.0


def _ensemble(v: Any) -> frozenset[str]:
    if v is None or (isinstance(v, float) and v != v) or v == "":
        return frozenset()
    return frozenset(str(v).split(SEPARATEUR_LISTE))


def _ensembles(colonne: pd.Series) -> dict[frozenset[str], int]:
    """Chaque ensemble distinct d'identifiants (« a;b ») et son nombre de patients : une
    cohorte n'en a que quelques centaines, quelle que soit sa taille."""
    comptes: dict[frozenset[str], int] = {}
    for texte, nombre in colonne.astype(object).fillna("").value_counts(sort=False).items():
        e = _ensemble(texte)
        comptes[e] = comptes.get(e, 0) + int(nombre)
    return comptes


def tranches_age(referentiel: Referentiel) -> list[tuple[str, int, int | None]]:
    """(libellé, âge minimal, âge maximal exclu ou None) des tranches, d'après les paramètres."""
    bornes = sorted({int(referentiel.parametres[nom].valeur) for nom in BORNES_AGE
                     if nom in referentiel.parametres})
    tranches = []
    debut = 0
    for borne in bornes:
        if borne <= debut:
            continue
        tranches.append((f"moins de {borne} ans" if debut == 0 else f"{debut} à {borne - 1} ans",
                         debut, borne))
        debut = borne
    tranches.append((f"{debut} ans et plus" if debut else "tous âges", debut, None))
    return tranches


def _tranche(age: Any, tranches: list[tuple[str, int, int | None]]) -> str:
    try:
        a = int(float(age))
    except (TypeError, ValueError):
        return NON_RENSEIGNE
    for nom, debut, fin in tranches:
        if a >= debut and (fin is None or a < fin):
            return nom
    return NON_RENSEIGNE  # pragma: no cover — les tranches couvrent tout âge ≥ 0


def _par_categorie(df: pd.DataFrame, colonne: str, ordre: list[str], niveaux: dict[str, str],
                   total: int) -> pd.DataFrame:
    """``niveaux`` : identifiant → libellé, dans l'ordre du catalogue."""
    """Effectif par (catégorie, niveau), chaque combinaison présente, dans l'ordre donné."""
    comptes = df.groupby([colonne, "niveau"]).size()
    lignes = []
    for cat in ordre:
        effectif_cat = int(comptes.loc[cat].sum()) if cat in comptes.index.get_level_values(0) \
            else 0
        for n in niveaux:
            effectif = int(comptes.get((cat, n), 0))
            lignes.append({"categorie": cat, "niveau": niveaux[n], "effectif": effectif,
                           "part": part(effectif, total),
                           "part_categorie": part(effectif, effectif_cat)})
    return pd.DataFrame(lignes)


def _plusieurs(ensembles: dict[frozenset[str], int], ordre: list[str], nommer: Any, total: int,
               colonnes: dict[str, Any] | None = None) -> tuple[pd.DataFrame, int]:
    """Effectif de chaque identifiant (dans l'ordre du catalogue, présents seulement), et
    nombre de patients qui n'en ont aucun."""
    comptes: dict[str, int] = {}
    for e, nombre in ensembles.items():
        for ident in e:
            comptes[ident] = comptes.get(ident, 0) + nombre
    connus = [i for i in ordre if i in comptes] + sorted(set(comptes) - set(ordre))
    lignes = []
    for ident in connus:
        ligne = {"id": ident, "libelle": nommer(ident), "effectif": comptes[ident],
                 "part": part(comptes[ident], total)}
        for nom, calcul in (colonnes or {}).items():
            ligne[nom] = calcul(ident, comptes[ident])
        lignes.append(ligne)
    aucun = ensembles.get(frozenset(), 0)
    return pd.DataFrame(lignes, columns=["id", "libelle", "effectif", "part",
                                         *(colonnes or {})]), aucun


def diagnostiquer(cohorte: CohorteReperee, referentiel: Referentiel, source: str = ""
                  ) -> Diagnostic:
    df = cohorte.lignes
    n = len(df)
    cat = referentiel.catalogue
    niveaux = {k: libelle(referentiel, "niveau", k) for k in cat.ordre_niveaux}
    d = Diagnostic(source, cat.version, cohorte.lues, cohorte.reperees, cohorte.nb_rejetees,
                   cohorte.deja_reperee)
    if cohorte.nb_rejetees:
        d.remarques.append(f"{cohorte.nb_rejetees} ligne(s) rejetée(s) (invalides) ne sont "
                           f"pas comptées : le diagnostic porte sur {n} patients.")

    # Niveaux.
    comptes = df["niveau"].value_counts() if n else pd.Series(dtype=int)
    d.figures.append(Figure(
        "niveaux", "Répartition par niveau", "Chaque patient a un niveau : la somme fait la "
        "cohorte.", pd.DataFrame([{"id": k, "libelle": niveaux[k],
                                   "effectif": int(comptes.get(k, 0)),
                                   "part": part(int(comptes.get(k, 0)), n)}
                                  for k in niveaux]), n, True))

    # Par tranche d'âge.
    if "age" in df.columns:
        tranches = tranches_age(referentiel)
        avec = df.assign(tranche=[_tranche(a, tranches) for a in df["age"]])
        ordre = [t[0] for t in tranches] + ([NON_RENSEIGNE] if (avec["tranche"] == NON_RENSEIGNE)
                                           .any() else [])
        bornes = ", ".join(f"{nom} = {referentiel.parametres[nom].valeur}" for nom in BORNES_AGE
                           if nom in referentiel.parametres)
        d.figures.append(Figure(
            "niveaux_par_age", "Niveaux par tranche d'âge",
            f"Tranches bornées par les seuils d'âge des règles ({bornes}). Chaque patient est "
            "dans une tranche : la somme fait la cohorte ; « part » rapporte à la cohorte, "
            "« part dans la tranche » à la tranche.",
            _par_categorie(avec, "tranche", ordre, niveaux, n), n, True))
    else:
        d.remarques.append("Le fichier n'a pas de colonne « age » (sortie de batch sans les "
                           "colonnes d'entrée) : pas de répartition par âge.")

    # Par commune.
    if COLONNE_COMMUNE in df.columns:
        communes = df[COLONNE_COMMUNE].map(lambda c: NON_RENSEIGNE if pd.isna(c) else str(c))
        effectifs = communes[communes != NON_RENSEIGNE].value_counts()
        gardees = sorted(effectifs.index[:COMMUNES_MAX],
                         key=lambda c: (-effectifs[c], c))
        autres = f"autres communes ({len(effectifs) - len(gardees)})"
        communes = communes.map(lambda c: c if c in gardees or c == NON_RENSEIGNE else autres)
        ordre = gardees + ([autres] if len(effectifs) > len(gardees) else []) + \
            ([NON_RENSEIGNE] if (communes == NON_RENSEIGNE).any() else [])
        d.figures.append(Figure(
            "niveaux_par_commune", "Niveaux par commune",
            f"Les {COMMUNES_MAX} communes les plus représentées, les autres regroupées. "
            "Chaque patient est compté une fois : la somme fait la cohorte.",
            _par_categorie(df.assign(commune_=communes.to_numpy()), "commune_", ordre, niveaux,
                           n), n, True))

    # Clusters et acteurs.
    ens_clusters = _ensembles(df["clusters"]) if n else {}
    tableau, aucun = _plusieurs(ens_clusters, list(cat.clusters),
                                lambda i: libelle(referentiel, "clusters", i), n)
    d.figures.append(Figure(
        "clusters", "Besoins par cluster d'acteurs",
        "Patients pour qui le cluster est proposé ; un patient peut en avoir plusieurs. "
        "Parts rapportées à toute la cohorte.", tableau, n, False, aucun))
    cluster_de = {a: c.id for c in cat.clusters.values() for a in c.acteurs}
    ordre_acteurs = [a for c in cat.clusters.values() for a in c.acteurs]
    tableau, aucun = _plusieurs(
        _ensembles(df["acteurs"]) if n else {}, ordre_acteurs,
        lambda i: libelle(referentiel, "acteurs", i), n,
        {"cluster": lambda i, _: libelle(referentiel, "clusters", cluster_de.get(i, ""))})
    d.figures.append(Figure(
        "acteurs", "Besoins par acteur",
        "Patients pour qui l'acteur est proposé, par cluster ; un patient peut en avoir "
        "plusieurs. Parts rapportées à toute la cohorte.", tableau, n, False, aucun))

    # Fonctions d'appui et charge.
    files_actives = {nom.removesuffix(SUFFIXE_FILE_ACTIVE): p for nom, p in
                     referentiel.parametres.items() if nom.endswith(SUFFIXE_FILE_ACTIVE)}

    def charge(ident: str, effectif: int) -> float | None:
        p = files_actives.get(ident)
        return round(effectif / p.valeur, 1) if p and p.valeur else None

    tableau, aucun = _plusieurs(_ensembles(df["appuis"]) if n else {}, list(cat.appuis),
                                lambda i: libelle(referentiel, "appuis", i), n,
                                {"charge_etp": charge})
    sources = "; ".join(f"{libelle(referentiel, 'appuis', a)} : {p.valeur} {p.unite} "
                        f"({p.references[0].titre})" for a, p in files_actives.items())
    d.figures.append(Figure(
        "appuis", "Demande par fonction d'appui",
        "Patients orientés vers chaque fonction d'appui ; un patient peut en avoir plusieurs. "
        "Charge : personnes orientées ÷ file active d'un professionnel à temps plein "
        f"(équivalents temps plein), quand le référentiel la donne — {sources or 'aucune'}.",
        tableau, n, False, aucun))

    # Alertes.
    tableau, aucun = _plusieurs(_ensembles(df["alertes"]) if n else {}, list(cat.alertes),
                                lambda i: libelle(referentiel, "alertes", i), n)
    d.figures.append(Figure(
        "alertes", "Alertes", "Patients pour qui l'alerte est levée ; un patient peut en avoir "
        "plusieurs.", tableau, n, False, aucun))

    # Règles les plus tirées.
    ens_regles = _ensembles(df["regles"]) if n else {}
    tableau, aucun = _plusieurs(ens_regles, [r.id for r in referentiel.regles],
                                lambda i: libelle(referentiel, "regles", i), n)
    tableau = tableau.sort_values(["effectif", "id"], ascending=[False, True]).head(REGLES_MAX)
    d.figures.append(Figure(
        "regles", "Règles qui orientent le plus",
        f"Les {REGLES_MAX} règles tirées pour le plus de patients ; un patient en tire "
        "souvent plusieurs.", tableau.reset_index(drop=True), n, False, aucun))

    # Lacunes : mission 3 du DAC, par règle qui l'a conclue.
    concluantes = {r.id for r in referentiel.regles if APPUI_LACUNE in r.alors.appuis}
    lacunes: dict[frozenset[str], int] = {}
    paires = df.groupby([df["regles"].astype(object).fillna(""),
                         df["appuis"].astype(object).fillna("")], sort=False).size() if n else {}
    for (regles, appuis), nombre in dict(paires).items():
        if APPUI_LACUNE in _ensemble(appuis):
            e = _ensemble(regles) & concluantes
            lacunes[e] = lacunes.get(e, 0) + int(nombre)
    nb_lacunes = sum(lacunes.values())
    tableau, _ = _plusieurs(lacunes,
                            [r.id for r in referentiel.regles],
                            lambda i: libelle(referentiel, "regles", i), n)
    ligne_totale = pd.DataFrame([{"id": APPUI_LACUNE,
                                  "libelle": libelle(referentiel, "appuis", APPUI_LACUNE),
                                  "effectif": nb_lacunes, "part": part(nb_lacunes, n)}])
    tableau = pd.concat([ligne_totale, tableau], ignore_index=True) if not tableau.empty \
        else ligne_totale
    if CHAMP_SANS_SOLUTION in df.columns:
        oui = int(sum(_vrai(v) for v in df[CHAMP_SANS_SOLUTION]))
        tableau = pd.concat([tableau, pd.DataFrame([{
            "id": CHAMP_SANS_SOLUTION,
            "libelle": vocabulaire().libelle_majuscule(CHAMP_SANS_SOLUTION),
            "effectif": oui, "part": part(oui, n)}])], ignore_index=True)
    d.figures.append(Figure(
        "lacunes", "Lacunes du territoire à signaler",
        "Patients pour qui la coordination territoriale du DAC est proposée (une réponse manque "
        "sur le territoire), puis les règles qui l'ont proposée ; et, si le fichier a la colonne "
        f"{CHAMP_SANS_SOLUTION}, les patients pour qui elle vaut oui.", tableau, n, False,
        n - nb_lacunes))
    return d


def _vrai(valeur: Any) -> bool:
    if isinstance(valeur, bool):
        return valeur
    return str(valeur).strip().lower() in ("oui", "vrai", "true", "1", "o", "yes")
