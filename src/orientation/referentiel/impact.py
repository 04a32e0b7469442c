"""Essayer un changement de règles avant de le faire : ce qu'il change pour des patients.

À la manière des personas de Publicodes (rejoués à chaque changement) et des réformes
d'OpenFisca : les mêmes situations sont repérées avec deux référentiels, « avant » et
« après », et l'on compare ce que le médecin traitant lirait :
- les **exemples** (``examples/*.json``) ;
- les situations des **scénarios** (``features/``), décrites par leurs étapes « Soit » avec le
  glossaire des étapes (``referentiel.execution``) ;
- une **cohorte** (fichier de ``batch``), repérée par l'évaluateur vectoriel des cohortes.

Exemples et scénarios passent par le moteur durable_rules (un ``Moteur`` par référentiel), la
cohorte par ``tables.cohorte.ReperageCohorte`` (un par référentiel) : chacun donne la même
ligne de sortie (``tables.colonnes.conclusions_vers_ligne``), et c'est elle qu'on compare.

Un patient **change** quand son orientation change : niveau, urgence, PPS, secteurs,
parcours, clusters, acteurs, fonctions d'appui ou alertes. Les règles tirées sont comparées à
part (une règle peut en remplacer une autre sans rien changer pour le patient).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from orientation.evaluation.moteur import Moteur
from orientation.referentiel import Referentiel
from orientation.situation.erreurs import ErreurSaisie, lire_situation
from orientation.tables.colonnes import SEPARATEUR_LISTE, Rejet, conclusions_vers_ligne

SORTES_LISTES = ("secteurs", "parcours", "clusters", "acteurs", "appuis", "alertes")
DRAPEAUX = ("urgence", "pps")
EXEMPLES_PAR_CHANGEMENT = 3
SOURCES = ("exemples", "scenarios", "cohorte")


def dossier_exemples_par_defaut() -> Path:
    """``examples/`` du dépôt."""
    return Path(__file__).resolve().parents[3] / "examples"


@dataclass(frozen=True)
class Cas:
    """Une situation à repérer, nommée sans rien d'identifiant (fichier, scénario, ligne)."""

    source: str  # exemples, scenarios, cohorte
    nom: str
    donnees: dict[str, Any]


def cas_des_exemples(dossier: Path | str | None = None) -> list[Cas]:
    dossier = Path(dossier) if dossier else dossier_exemples_par_defaut()
    cas = []
    for chemin in sorted(dossier.glob("*.json")) if dossier.is_dir() else []:
        try:
            donnees = json.loads(chemin.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(donnees, dict):
            cas.append(Cas("exemples", f"exemple {chemin.stem}", donnees))
    return cas


def cas_des_scenarios(dossier: Path | str | None = None) -> list[Cas]:
    """La situation de chaque cas des scénarios (un par ligne d'exemples d'un plan)."""
    from orientation.referentiel import execution
    from orientation.referentiel.scenarios import dossier_features_par_defaut

    dossier = Path(dossier) if dossier else dossier_features_par_defaut()
    lus, _ = execution.lire_dossier(dossier) if dossier.is_dir() else ([], [])
    cas = []
    for c in lus:
        donnees = execution.situation_du_cas(c)
        if donnees is not None:
            cas.append(Cas("scenarios", f"scénario « {c.nom} » ({c.fichier}, ligne {c.ligne})",
                           donnees))
    return cas


# --- Repérer avec deux référentiels -------------------------------------------------------------


@dataclass
class Comparees:
    """Les lignes de sortie d'un même ensemble de patients, avant et après."""

    source: str
    noms: list[str]
    avant: pd.DataFrame
    apres: pd.DataFrame
    rejets: list[Rejet] = field(default_factory=list)


def reperer_cas(cas: list[Cas], avant: Moteur, apres: Moteur) -> list[Comparees]:
    """Repère chaque cas avec les deux moteurs ; une situation invalide est écartée (elle le
    serait des deux côtés : la validation ne dépend pas des règles)."""
    par_source: dict[str, tuple[list[str], list[dict], list[dict]]] = {}
    for c in cas:
        try:
            situation = lire_situation(c.donnees)
        except ErreurSaisie:
            continue
        noms, lignes_avant, lignes_apres = par_source.setdefault(c.source, ([], [], []))
        noms.append(c.nom)
        lignes_avant.append(conclusions_vers_ligne(avant.screen(situation)))
        lignes_apres.append(conclusions_vers_ligne(apres.screen(situation)))
    return [Comparees(source, noms, pd.DataFrame(a), pd.DataFrame(b))
            for source, (noms, a, b) in par_source.items()]


def reperer_tableau(df: pd.DataFrame, numeros: Any, avant: Referentiel, apres: Referentiel,
                    rejets: list[Rejet] | None = None) -> Comparees:
    """Une cohorte (cellules lues par ``territoire.lecture``) repérée par le pipeline des
    cohortes avec chaque référentiel."""
    from orientation.territoire.lecture import reperer_tableau as reperer

    cote_avant = reperer(df, numeros, avant, rejets)
    cote_apres = reperer(df, numeros, apres, rejets)
    if cote_avant.deja_reperee:
        raise ErreurSaisie(["(fichier) : la cohorte est déjà repérée (colonne « niveau ») ; "
                            "donnez les situations (colonnes d'entrée de orientation batch)"])
    noms = []
    for ligne, id_ in zip(cote_avant.lignes["ligne"], cote_avant.lignes["id"], strict=True):
        noms.append(f"cohorte, ligne {ligne}" + (f" (id {id_})" if id_ else ""))
    return Comparees("cohorte", noms, cote_avant.lignes, cote_apres.lignes, cote_avant.rejets)


# --- Comparer -----------------------------------------------------------------------------------


def _ensemble(texte: Any) -> frozenset[str]:
    if texte is None or (isinstance(texte, float) and texte != texte) or texte == "":
        return frozenset()
    return frozenset(str(texte).split(SEPARATEUR_LISTE))


@dataclass
class Compteur:
    """Des patients comptés, avec quelques-uns nommés en exemple."""

    nombre: int = 0
    exemples: list[str] = field(default_factory=list)

    def ajouter(self, nom: str) -> None:
        self.nombre += 1
        if len(self.exemples) < EXEMPLES_PAR_CHANGEMENT:
            self.exemples.append(nom)

    def en_dict(self) -> dict[str, Any]:
        return {"nombre": self.nombre, "exemples": list(self.exemples)}


@dataclass
class Impact:
    avant: str
    apres: str
    ordre: tuple[str, ...] = ()  # niveaux, du plus simple au plus complexe (catalogue)
    parametres: list[dict[str, Any]] = field(default_factory=list)
    regles_ajoutees: list[str] = field(default_factory=list)
    regles_retirees: list[str] = field(default_factory=list)
    regles_modifiees: list[str] = field(default_factory=list)
    patients: int = 0
    changent: int = 0
    changent_de_niveau: int = 0
    transitions: dict[str, dict[str, int]] = field(default_factory=dict)
    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    niveaux: dict[tuple[str, str], Compteur] = field(default_factory=dict)
    # (sorte, identifiant, "gagne" | "perdu") → patients
    conclusions: dict[tuple[str, str, str], Compteur] = field(default_factory=dict)
    # (règle, "gagnee" | "perdue") → patients
    regles: dict[tuple[str, str], Compteur] = field(default_factory=dict)
    tirees: dict[str, tuple[int, int]] = field(default_factory=dict)  # règle → (avant, après)
    rejets: list[Rejet] = field(default_factory=list)

    def _rang(self, niveau: str) -> int:
        return self.ordre.index(niveau) if niveau in self.ordre else len(self.ordre)

    def en_dict(self) -> dict[str, Any]:
        """La forme JSON (``orientation rules diff --format json``), ordonnée et stable."""
        conclusions: dict[str, dict[str, dict[str, Any]]] = {}
        for (sorte, ident, sens), compteur in sorted(self.conclusions.items()):
            entree = conclusions.setdefault(sorte, {}).setdefault(
                ident, {"gagnes": 0, "perdus": 0, "exemples_gagnes": [], "exemples_perdus": []})
            cle = "gagnes" if sens == "gagne" else "perdus"
            entree[cle] = compteur.nombre
            entree[f"exemples_{cle}"] = list(compteur.exemples)
        regles: dict[str, dict[str, Any]] = {}
        for (regle, sens), compteur in sorted(self.regles.items()):
            avant, apres = self.tirees.get(regle, (0, 0))
            entree = regles.setdefault(regle, {"tiree_avant": avant, "tiree_apres": apres,
                                               "gagnee": 0, "perdue": 0,
                                               "exemples_gagnee": [], "exemples_perdue": []})
            entree[sens] = compteur.nombre
            entree[f"exemples_{sens}"] = list(compteur.exemples)
        return {
            "avant": self.avant,
            "apres": self.apres,
            "referentiel": {"parametres": self.parametres,
                            "regles_ajoutees": self.regles_ajoutees,
                            "regles_retirees": self.regles_retirees,
                            "regles_modifiees": self.regles_modifiees},
            "patients": self.patients,
            "changent": self.changent,
            "changent_de_niveau": self.changent_de_niveau,
            "transitions": self.transitions,
            "sources": self.sources,
            "changements_de_niveau": [
                {"de": de, "vers": vers, **c.en_dict()}
                for (de, vers), c in sorted(self.niveaux.items(),
                                            key=lambda kv: (self._rang(kv[0][0]),
                                                            self._rang(kv[0][1])))],
            "conclusions": conclusions,
            "regles": regles,
            "rejets": len({(r.ligne) for r in self.rejets}),
        }


def _differences_referentiel(impact: Impact, avant: Referentiel, apres: Referentiel) -> None:
    for nom in sorted(set(avant.parametres) | set(apres.parametres)):
        a, b = avant.parametres.get(nom), apres.parametres.get(nom)
        va, vb = (a.valeur if a else None), (b.valeur if b else None)
        if va != vb:
            impact.parametres.append({"nom": nom, "avant": va, "apres": vb})
    regles_avant = {r.id: r for r in avant.regles}
    regles_apres = {r.id: r for r in apres.regles}
    impact.regles_ajoutees = [r for r in regles_apres if r not in regles_avant]
    impact.regles_retirees = [r for r in regles_avant if r not in regles_apres]

    def contenu(r: Any) -> tuple:
        return (r.titre, r.description, r.references, r.si, r.alors, r.theme)

    impact.regles_modifiees = [r for r in regles_apres if r in regles_avant
                               and contenu(regles_avant[r]) != contenu(regles_apres[r])]


def comparer(avant: Referentiel, apres: Referentiel, ensembles: Iterable[Comparees],
             nom_avant: str = "avant", nom_apres: str = "après") -> Impact:
    """Ce qui change, patient par patient, entre les lignes de sortie « avant » et « après »."""
    ordre = tuple(dict.fromkeys(avant.catalogue.ordre_niveaux + apres.catalogue.ordre_niveaux))
    impact = Impact(nom_avant, nom_apres, ordre)
    _differences_referentiel(impact, avant, apres)
    impact.transitions = {de: dict.fromkeys(ordre, 0) for de in ordre}
    tirees: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for ens in ensembles:
        impact.rejets.extend(ens.rejets)
        n = len(ens.noms)
        source = impact.sources.setdefault(ens.source, {"patients": 0, "changent": 0,
                                                        "changent_de_niveau": 0})
        source["patients"] += n
        impact.patients += n
        if n == 0:
            continue
        a, b = ens.avant.reset_index(drop=True), ens.apres.reset_index(drop=True)
        # Les transitions de niveau, vectorisées (une cohorte peut compter des millions de lignes).
        paires = pd.crosstab(a["niveau"], b["niveau"])
        for de in paires.index:
            for vers in paires.columns:
                impact.transitions[de][vers] += int(paires.loc[de, vers])
        differe = pd.Series(False, index=a.index)
        for col in ("niveau", *DRAPEAUX, *SORTES_LISTES):
            differe |= a[col].astype(str) != b[col].astype(str)
        regles_differentes = a["regles"].astype(str) != b["regles"].astype(str)
        for regle, nombre in _compter_regles(a["regles"]).items():
            tirees[regle][0] += nombre
        for regle, nombre in _compter_regles(b["regles"]).items():
            tirees[regle][1] += nombre
        for i in differe[differe | regles_differentes].index:
            nom = ens.noms[i]
            ligne_a, ligne_b = a.loc[i], b.loc[i]
            if differe[i]:
                impact.changent += 1
                source["changent"] += 1
            if ligne_a["niveau"] != ligne_b["niveau"]:
                impact.changent_de_niveau += 1
                source["changent_de_niveau"] += 1
                impact.niveaux.setdefault((ligne_a["niveau"], ligne_b["niveau"]),
                                          Compteur()).ajouter(nom)
            for drapeau in DRAPEAUX:
                if bool(ligne_a[drapeau]) != bool(ligne_b[drapeau]):
                    sens = "gagne" if ligne_b[drapeau] else "perdu"
                    impact.conclusions.setdefault((drapeau, drapeau, sens), Compteur()).ajouter(nom)
            for sorte in SORTES_LISTES:
                ea, eb = _ensemble(ligne_a[sorte]), _ensemble(ligne_b[sorte])
                for ident in sorted(eb - ea):
                    impact.conclusions.setdefault((sorte, ident, "gagne"), Compteur()).ajouter(nom)
                for ident in sorted(ea - eb):
                    impact.conclusions.setdefault((sorte, ident, "perdu"), Compteur()).ajouter(nom)
            ra, rb = _ensemble(ligne_a["regles"]), _ensemble(ligne_b["regles"])
            for regle in sorted(rb - ra):
                impact.regles.setdefault((regle, "gagnee"), Compteur()).ajouter(nom)
            for regle in sorted(ra - rb):
                impact.regles.setdefault((regle, "perdue"), Compteur()).ajouter(nom)
    impact.tirees = {r: (v[0], v[1]) for r, v in tirees.items()}
    return impact


def _compter_regles(colonne: pd.Series) -> dict[str, int]:
    comptes: dict[str, int] = defaultdict(int)
    for texte, nombre in colonne.value_counts().items():
        for regle in _ensemble(texte):
            comptes[regle] += int(nombre)
    return comptes


# --- Tout en un ---------------------------------------------------------------------------------


def essayer(avant: Referentiel, apres: Referentiel, *, exemples: bool = True,
            scenarios: bool = True, cohorte: tuple[pd.DataFrame, Any, list[Rejet]] | None = None,
            dossier_exemples: Path | None = None, dossier_features: Path | None = None,
            nom_avant: str = "avant", nom_apres: str = "après",
            moteurs: Callable[[Referentiel], Moteur] = Moteur) -> Impact:
    """Repère exemples, scénarios et cohorte (cellules, numéros de ligne, rejets de lecture)
    avec les deux référentiels, et compare."""
    cas: list[Cas] = []
    if exemples:
        cas += cas_des_exemples(dossier_exemples)
    if scenarios:
        cas += cas_des_scenarios(dossier_features)
    ensembles: list[Comparees] = []
    if cas:
        ensembles += reperer_cas(cas, moteurs(avant), moteurs(apres))
    if cohorte is not None:
        df, numeros, rejets = cohorte
        ensembles.append(reperer_tableau(df, numeros, avant, apres, rejets))
    ordre = {s: i for i, s in enumerate(SOURCES)}
    ensembles.sort(key=lambda e: ordre.get(e.source, len(ordre)))
    return comparer(avant, apres, ensembles, nom_avant, nom_apres)


# --- En français --------------------------------------------------------------------------------

# Les titres viennent du vocabulaire (rules/vocabulaire.yaml) quand il en a un.
_SORTES_TEXTE = (("appuis", None), ("alertes", None), ("clusters", "Clusters"),
                 ("acteurs", None), ("secteurs", None), ("parcours", None),
                 ("pps", "PPS recommandé"), ("urgence", "Urgence"))


def _part(n: int, total: int) -> str:
    return f"{n} sur {total} ({n / total:.1%})".replace(".", ",") if total else "0"


def texte(impact: Impact, referentiel: Referentiel) -> str:
    """Le compte rendu en français (``orientation rules diff``) ; libellés du catalogue de
    ``referentiel`` (celui d'après)."""
    from orientation.referentiel.libelles import libelle

    def niv(n: str) -> str:
        return libelle(referentiel, "niveau", n)

    lignes = [f"Essai de règles : {impact.avant} → {impact.apres}", ""]
    changements = ([f"  paramètre {p['nom']} : {p['avant']} → {p['apres']}"
                    for p in impact.parametres]
                   + [f"  règle ajoutée : {r}" for r in impact.regles_ajoutees]
                   + [f"  règle retirée : {r}" for r in impact.regles_retirees]
                   + [f"  règle modifiée : {r}" for r in impact.regles_modifiees])
    lignes += ["Ce qui change dans le référentiel :"] + (changements or ["  rien"]) + [""]
    lignes.append(f"Patients : {impact.patients} ; leur orientation change pour "
                  f"{_part(impact.changent, impact.patients)} ; leur niveau pour "
                  f"{_part(impact.changent_de_niveau, impact.patients)}.")
    for source, chiffres in impact.sources.items():
        lignes.append(f"  {source} : {chiffres['patients']} patients, {chiffres['changent']} "
                      f"changent, {chiffres['changent_de_niveau']} de niveau")
    if impact.rejets:
        lignes.append(f"  cohorte : {len({r.ligne for r in impact.rejets})} lignes rejetées "
                      "(invalides), non comptées")
    lignes += ["", "Niveaux (lignes : avant ; colonnes : après) :"]
    ordre = impact.ordre
    largeur = max(len(niv(n)) for n in ordre) + 2
    lignes.append(" " * largeur + "".join(f"{niv(n):>{largeur}}" for n in ordre))
    for de in ordre:
        lignes.append(f"{niv(de):<{largeur}}" + "".join(
            f"{impact.transitions[de][vers]:>{largeur}}" for vers in ordre))
    if impact.niveaux:
        lignes += ["", "Changements de niveau :"]
        for (de, vers), c in sorted(impact.niveaux.items(), key=lambda kv: -kv[1].nombre):
            lignes.append(f"  {niv(de)} → {niv(vers)} : {c.nombre} (par exemple : "
                          f"{' ; '.join(c.exemples)})")
    from orientation.referentiel.vocabulaire import vocabulaire

    for sorte, titre in _SORTES_TEXTE:
        titre = titre or vocabulaire().textes.get(sorte, sorte)
        entrees = [(k, c) for k, c in sorted(impact.conclusions.items()) if k[0] == sorte]
        if not entrees:
            continue
        lignes += ["", f"{titre} :"]
        for (_, ident, sens), c in entrees:
            nom = libelle(referentiel, sorte, ident) if sorte not in DRAPEAUX else titre
            verbe = "gagné" if sens == "gagne" else "perdu"
            lignes.append(f"  {nom} : {verbe} par {c.nombre} (par exemple : "
                          f"{' ; '.join(c.exemples)})")
    if impact.regles:
        lignes += ["", "Règles tirées :"]
        for (regle, sens), c in sorted(impact.regles.items()):
            avant, apres = impact.tirees.get(regle, (0, 0))
            verbe = "en plus" if sens == "gagnee" else "en moins"
            lignes.append(f"  {regle} « {libelle(referentiel, 'regles', regle)} » : {avant} → "
                          f"{apres} patients ; {c.nombre} {verbe} (par exemple : "
                          f"{' ; '.join(c.exemples)})")
    return "\n".join(lignes) + "\n"
