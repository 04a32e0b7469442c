"""Le référentiel comme documentation : chaque règle lue en français.

À la manière de Publicodes (« une de ces conditions », « toutes ces conditions »), une
règle devient une page : ses conditions et ses conclusions en phrases, ses paramètres
nommés avec leur valeur, et les scénarios (``features/*.feature``, étiquetés ``@R-…``) qui
l'illustrent. Rien n'est décidé ici : on ne fait que lire l'arbre des conditions.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orientation.referentiel import (
    Aucune,
    AuMoins,
    Comparaison,
    Conclusions,
    Condition,
    Referentiel,
    Regle,
    SurConclusion,
    Toutes,
    UneDe,
    iter_comparaisons,
)
from orientation.referentiel.scenarios import analyser
from orientation.referentiel.vocabulaire import vocabulaire
from orientation.situation.faits import CHAMPS


def _nombre(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}".replace(".", ",")
    return str(v)


def _valeur(v: Any) -> str:
    if isinstance(v, bool):
        return "oui" if v else "non"
    if isinstance(v, int | float):
        return _nombre(v)
    return vocabulaire().valeur(v)


def _liste(valeurs: tuple[Any, ...], conjonction: str = "ou") -> str:
    mots = [_valeur(v) for v in valeurs]
    if len(mots) == 1:
        return mots[0]
    return ", ".join(mots[:-1]) + f" {conjonction} " + mots[-1]


def comparaison_en_francais(c: Comparaison, referentiel: Referentiel) -> str:
    """« âge ≥ 75 ans (paramètre paerpa.age_minimal) », « aidant : épuisé »."""
    champ = CHAMPS[c.champ]
    libelle = champ.libelle
    if c.operateur == "renseigne":
        return f"{libelle} renseigné" if c.valeur \
            else f"{libelle} {vocabulaire().texte('non_renseigne')}"
    if champ.type == "liste":
        if c.operateur == "contient":
            texte = f"{libelle} : comprend {_valeur(c.valeur)}"
        else:
            texte = f"{libelle} : comprend au moins l'un de {_liste(c.valeur)}"
    elif champ.type == "booleen":
        texte = f"{libelle} : {_valeur(c.valeur if c.operateur == 'egal' else not c.valeur)}"
    elif c.operateur in ("parmi", "hors_de"):
        if c.operateur == "parmi":
            texte = f"{libelle} : {_liste(c.valeur)}"
        elif len(c.valeur) == 1:
            texte = f"{libelle} : autre que {_valeur(c.valeur[0])}"
        else:
            texte = f"{libelle} : ni {_liste(c.valeur, 'ni')}"
    elif champ.type == "enum":
        symbole = ":" if c.operateur == "egal" else ": autre que"
        texte = f"{libelle} {symbole} {_valeur(c.valeur)}"
    else:
        phrase = vocabulaire().operateurs[c.operateur]
        bornes = c.valeur if isinstance(c.valeur, tuple) else (c.valeur, c.valeur)
        texte = phrase.format(champ=libelle, valeur=_liste(bornes) if isinstance(
            c.valeur, tuple) else _valeur(c.valeur), min=_valeur(bornes[0]),
            max=_valeur(bornes[-1]))
    if c.parametre:
        unite = referentiel.parametres[c.parametre].unite if c.parametre in \
            referentiel.parametres else ""
        # L'unité se lit après le nombre, sauf si le libellé la dit déjà (« chutes en 6 mois
        # ≥ 2 », pas « … ≥ 2 chutes en 6 mois »).
        if unite and champ.type in ("entier", "decimal") and \
                _normaliser(unite.split()[0]) not in _normaliser(libelle):
            texte += f" {unite}"
        texte += f" (paramètre {c.parametre})"
    return texte


def sur_conclusion_en_francais(c: SurConclusion, referentiel: Referentiel) -> str:
    cat = referentiel.catalogue
    if c.sorte == "niveau":
        return f"niveau conclu par d'autres règles : {cat.niveaux[c.valeur]['libelle'].lower()}"
    if c.sorte == "pps":
        return "un plan personnalisé de santé est déjà recommandé par une autre règle"
    if c.sorte == "urgence":
        return "une urgence est déjà conclue par une autre règle"
    if c.operateur == "nombre_au_moins":
        sorte = vocabulaire().conclusions[c.sorte]
        return f"d'autres règles ont conclu au moins {c.valeur} {sorte}"
    libelles = {
        "secteurs": cat.secteurs, "parcours": cat.parcours,
        "appuis": {k: v["libelle"] for k, v in cat.appuis.items()},
        "alertes": {k: k.replace("_", " ") for k in cat.alertes},
        "clusters": {k: v.libelle for k, v in cat.clusters.items()},
    }[c.sorte]
    return f"{vocabulaire().conclusions[c.sorte]} déjà proposés par d'autres règles : comprend " \
           f"« {libelles.get(c.valeur, c.valeur)} »"


def condition_en_lignes(c: Condition, referentiel: Referentiel, niveau: int = 0
                        ) -> list[tuple[int, str]]:
    """L'arbre d'une condition en lignes indentées (profondeur, texte)."""
    if isinstance(c, Comparaison):
        return [(niveau, comparaison_en_francais(c, referentiel))]
    if isinstance(c, SurConclusion):
        return [(niveau, sur_conclusion_en_francais(c, referentiel))]
    if isinstance(c, Toutes):
        if niveau == 0:  # « si » : la liste des conditions suffit
            return [ligne for t in c.termes for ligne in condition_en_lignes(t, referentiel, 0)]
        titre = "toutes ces conditions :"
    elif isinstance(c, UneDe):
        titre = "une de ces conditions :"
    elif isinstance(c, Aucune):
        titre = "aucune de ces conditions :"
    elif isinstance(c, AuMoins):
        titre = f"au moins {c.nombre} de ces conditions :"
    else:  # pragma: no cover
        raise TypeError(c)
    lignes = [(niveau, titre)]
    for t in c.termes:
        lignes += condition_en_lignes(t, referentiel, niveau + 1)
    return lignes


def condition_en_markdown(c: Condition, referentiel: Referentiel) -> str:
    """La condition en liste Markdown imbriquée."""
    return "\n".join("  " * n + f"- {texte}" for n, texte in condition_en_lignes(c, referentiel))


def conclusions_en_lignes(a: Conclusions, referentiel: Referentiel) -> list[str]:
    """Ce que la règle conclut, en phrases courtes."""
    cat = referentiel.catalogue
    lignes = []
    if a.urgence:
        lignes.append("urgence vitale")
    if a.niveau:
        lignes.append(f"niveau : {cat.niveaux[a.niveau]['libelle'].lower()}")
    if a.pps:
        lignes.append("plan personnalisé de santé (PPS) recommandé")
    if a.secteurs:
        lignes.append("secteurs : " + ", ".join(cat.secteurs[s].lower() for s in a.secteurs))
    if a.parcours:
        lignes.append("niveaux de parcours : " + ", ".join(cat.parcours[p].lower()
                                                          for p in a.parcours))
    for cid, acteurs in a.clusters:
        cluster = cat.clusters[cid]
        detail = ", ".join(cluster.acteurs[x] for x in acteurs)
        lignes.append(f"cluster « {cluster.libelle} »" + (f" : {detail}" if detail else ""))
    for aid in a.appuis:
        lignes.append(f"fonction d'appui : {cat.appuis[aid]['libelle']}")
    for alid in a.alertes:
        lignes.append(f"alerte : {cat.alertes[alid]['message']}")
    return lignes


# --- Recherche ---------------------------------------------------------------------------------


def _normaliser(texte: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in sans_accents if not unicodedata.combining(c)).casefold()


def texte_de_recherche(regle: Regle, referentiel: Referentiel) -> str:
    """Tout ce qu'on lit d'une règle : identifiant, titre, description, conditions (en
    français et par chemin de champ), conclusions et références."""
    morceaux = [regle.id, regle.titre, regle.description, regle.theme, regle.fichier,
                condition_en_markdown(regle.si, referentiel), *regle.champs,
                *conclusions_en_lignes(regle.alors, referentiel),
                *(r.titre for r in regle.references)]
    return _normaliser("\n".join(morceaux))


def rechercher(referentiel: Referentiel, requete: str) -> list[Regle]:
    """Les règles qui contiennent tous les mots de la requête (sans tenir compte des
    accents ni de la casse), dans l'ordre du référentiel."""
    mots = _normaliser(requete).split()
    if not mots:
        return list(referentiel.regles)
    return [r for r in referentiel.regles
            if all(m in texte_de_recherche(r, referentiel) for m in mots)]


# --- Scénarios qui illustrent les règles (features/*.feature) ----------------------------------


@dataclass(frozen=True)
class Scenario:
    fichier: str
    fonctionnalite: str
    titre: str
    ligne: int


def scenarios_par_regle(dossier: Path) -> dict[str, list[Scenario]]:
    """Pour chaque identifiant de règle, les scénarios Gherkin qui la citent en étiquette
    (``@R-…`` sur la fonctionnalité, la ``Règle:`` ou le scénario), lus par le même
    analyseur que ``rules check`` (``scenarios.analyser``). Dossier absent : rien."""
    resultat: dict[str, list[Scenario]] = {}
    if not dossier.is_dir():
        return resultat
    for lu in analyser(dossier).scenarios:
        scenario = Scenario(Path(lu.fichier).name, lu.fonctionnalite, lu.nom, lu.ligne)
        for id_regle in sorted(e for e in lu.etiquettes if e.startswith("R-")):
            resultat.setdefault(id_regle, []).append(scenario)
    return resultat


def regles_par_parametre(referentiel: Referentiel) -> dict[str, list[str]]:
    """Pour chaque paramètre, les règles qui le citent (``$nom``), dans l'ordre du
    référentiel ; un paramètre que nulle règle ne cite a une liste vide."""
    resultat: dict[str, list[str]] = {nom: [] for nom in referentiel.parametres}
    for r in referentiel.regles:
        for c in iter_comparaisons(r.si):
            if c.parametre in resultat and r.id not in resultat[c.parametre]:
                resultat[c.parametre].append(r.id)
    return resultat
