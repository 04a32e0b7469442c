"""Fiabilité : fils concurrents, longues séries, saisies tirées au hasard (hypothesis)."""

import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orientation import Situation, screen
from orientation.situation.erreurs import ErreurSaisie, lire_situation_json
from orientation.situation.instruments import AGGIR_VARIABLES, gir_depuis_aggir
from orientation.tables.cohorte import _CONTROLE_RE, MESSAGES_PAR_LIGNE, ReperageCohorte
from orientation.tables.colonnes import (
    CHAMPS_COLONNES,
    COLONNES,
    COLONNES_RESULTATS,
    ligne_vers_situation,
    lire_tableau,
    rejets_depuis_erreur,
    resultat_vers_ligne,
)
from orientation.tables.synthese import cohorte_complete

# --- Concurrence et durée ------------------------------------------------------------------------


@pytest.mark.lent
def test_8_fils_de_500_reperages_donnent_les_resultats_sequentiels():
    valides, _ = lire_tableau(cohorte_complete(500, graine=7))
    situations = [s for _, _, s in valides]
    attendu = [screen(s).model_dump(mode="json") for s in situations]
    resultats: dict[int, list] = {}
    erreurs: list[BaseException] = []

    def travailler(numero: int) -> None:
        try:
            ordre = situations[numero:] + situations[:numero]  # ordres différents
            obtenus = [screen(s).model_dump(mode="json") for s in ordre]
            resultats[numero] = obtenus[-numero:] + obtenus[:-numero] if numero else obtenus
        except BaseException as e:  # noqa: BLE001
            erreurs.append(e)

    fils = [threading.Thread(target=travailler, args=(k,)) for k in range(8)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert not erreurs
    assert all(resultats[k] == attendu for k in range(8))


def _memoire_residente() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096


@pytest.mark.lent
def test_20000_reperages_sans_erreur_memoire_bornee(moteur):
    valides, _ = lire_tableau(cohorte_complete(2_000, graine=3))
    situations = [s for _, _, s in valides]
    for s in situations:  # échauffement : caches, pydantic, durable_rules
        moteur.screen(s)
    avant = _memoire_residente()
    niveaux = set()
    for _ in range(10):
        for s in situations:
            niveaux.add(moteur.screen(s).niveau)
    croissance = _memoire_residente() - avant
    assert niveaux == {"simple", "coordonne", "complexe"}
    assert croissance < 20 * 2**20, f"la mémoire a crû de {croissance / 2**20:.1f} Mo"


# --- Situations valides tirées au hasard ------------------------------------------------------------


def _valeur(c):
    if c.genre == "booleen":
        return st.booleans()
    if c.genre == "entier":
        return st.integers(c.minimum, c.maximum)
    if c.genre == "enum":
        return st.sampled_from(c.valeurs)
    if c.chemin == "social.mini_zarit":
        return st.lists(st.sampled_from(c.valeurs), min_size=7, max_size=7)
    return st.lists(st.sampled_from(c.valeurs), unique=True, max_size=len(c.valeurs))


@st.composite
def situations(draw):
    donnees: dict = {}

    def mettre(chemin, valeur):
        *sections, nom = chemin.split(".")
        cible = donnees
        for s in sections:
            cible = cible.setdefault(s, {})
        cible[nom] = valeur

    for chemin, c in CHAMPS_COLONNES.items():
        if c.groupe or chemin == "autonomie.gir":
            continue
        if chemin == "age" or draw(st.booleans()):
            mettre(chemin, draw(_valeur(c)))
    for groupe in ("autonomie.fragilite", "social.epices"):
        if draw(st.booleans()):
            for chemin, c in CHAMPS_COLONNES.items():
                if c.groupe == groupe and (c.requis or draw(st.booleans())):
                    mettre(chemin, draw(_valeur(c)))
    if draw(st.booleans()):
        grille = {v: draw(st.sampled_from("ABC")) for v in AGGIR_VARIABLES}
        donnees.setdefault("autonomie", {})["aggir"] = grille
        if draw(st.booleans()):
            donnees["autonomie"]["gir"] = gir_depuis_aggir(grille)
    elif draw(st.booleans()):
        donnees.setdefault("autonomie", {})["gir"] = draw(st.integers(1, 6))
    sante = donnees.get("sante", {})
    if 0 < sante.get("chutes_12_mois", 0) < sante.get("chutes_6_mois", 0):
        sante["chutes_12_mois"] = sante["chutes_6_mois"]  # les 6 mois sont dans les 12
    return Situation.model_validate(donnees)


def _en_ligne(s: Situation) -> dict:
    ligne = {}
    for chemin in CHAMPS_COLONNES:
        valeur = s.model_dump()
        for morceau in chemin.split("."):
            valeur = valeur.get(morceau) if isinstance(valeur, dict) else None
        if isinstance(valeur, list):
            valeur = ";".join(valeur)
        elif isinstance(valeur, bool):
            valeur = "oui" if valeur else "non"
        ligne[chemin] = "" if valeur is None else str(valeur)
    return ligne


@pytest.mark.lent  # 150 situations tirées par hypothesis
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=situations())
def test_situation_valide_jamais_d_erreur_et_resultat_coherent(s, moteur):
    o = moteur.screen(s)
    assert o == moteur.screen(s)  # déterministe
    expliquees = {e.regle for e in o.explications}
    citees = {r for x in (*o.clusters, *o.appuis, *o.alertes) for r in x.regles}
    assert citees <= expliquees
    seuil = moteur.referentiel.parametres["complexite.nb_secteurs"].valeur
    if len(o.secteurs) >= seuil:  # plusieurs secteurs : au moins coordonné, avec un PPS
        assert o.niveau != "simple" and o.pps
    # Le tableau repère la même situation comme screen().
    ligne = _en_ligne(s)
    assert ligne_vers_situation(ligne) == s
    sortie, rejets = _reperage(moteur).reperer_lot(_lot([ligne]), np.array([2]))
    assert rejets.num_rows == 0
    obtenu = {k: v for k, v in sortie.to_pylist()[0].items() if k in COLONNES_RESULTATS}
    attendu = resultat_vers_ligne(None, o)
    del attendu["id"]
    assert obtenu == attendu


_REPERAGES: dict = {}


def _texte(v):
    """Une cellule telle qu'un fichier la donne au repérage : du texte, ou rien."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _lot(lignes):
    colonnes = {c: pa.array([_texte(x.get(c)) for x in lignes], pa.string()) for c in COLONNES}
    return pa.RecordBatch.from_pydict(colonnes)


def _reperage(moteur):
    return _REPERAGES.setdefault(id(moteur), ReperageCohorte(moteur.referentiel))


# --- Saisies invalides tirées au hasard -------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats() | st.text(max_size=20),
    lambda enfants: st.lists(enfants, max_size=4)
    | st.dictionaries(st.sampled_from(["age", "social", "aidant", "sante", "x", "gir",
                                       "autonomie", "aggir", "mini_zarit", "epices"]),
                      enfants, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(texte=st.one_of(st.binary(max_size=200), _json.map(json.dumps),
                       st.text(max_size=200)))
def test_json_quelconque_erreur_propre_ou_situation(texte):
    try:
        lire_situation_json(texte)
    except ErreurSaisie as e:
        assert e.messages and all(isinstance(m, str) and " : " in m for m in e.messages)


_cellule = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 200), st.floats(allow_nan=True),
    st.sampled_from(["", " ", "oui", "NON", "vrai", "12", "12.0", "12.5", "abc", "A", "B", "D",
                     "epuise", "Épuisé", "diabète;BPCO", "diabete;diabete",
                     "jamais;" * 6 + "souvent", "present", "1e3", "-1", "x\x00y", "\n"]),
    st.text(max_size=8),
)


@pytest.mark.lent
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lignes=st.lists(st.dictionaries(st.sampled_from(COLONNES), _cellule, max_size=12),
                       min_size=1, max_size=8))
def test_lignes_quelconques_rien_ne_se_perd(lignes, moteur):
    df = pd.DataFrame(lignes, columns=COLONNES, dtype=object)
    lot = _lot([{c: _texte(v) for c, v in ligne.items()} for ligne in df.to_dict("records")])
    sortie, rejets = _reperage(moteur).reperer_lot(lot, np.arange(2, 2 + len(df)))
    rejets = rejets.to_pylist()
    assert sortie.num_rows + len({r["ligne"] for r in rejets}) == len(df)
    for numero, ligne in enumerate(lot.to_pylist(), start=2):
        messages = [f"{r['champ']} : {r['message']}" for r in rejets if r["ligne"] == numero]
        if any(v and _CONTROLE_RE.search(v) for v in ligne.values()):
            assert messages and all("caractère de contrôle" in m for m in messages)
            continue
        try:
            ligne_vers_situation(ligne)
        except ErreurSaisie as e:
            if any(r["champ"] == "(ligne)" for r in rejets if r["ligne"] == numero):
                continue  # ligne vide
            attendus = rejets_depuis_erreur(numero, None, e, MESSAGES_PAR_LIGNE)
            assert messages == [f"{r.champ} : {r.message}" for r in attendus]
        else:
            assert not messages
