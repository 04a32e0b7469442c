"""Chaque opérateur de comparaison, affirmé et nié, sur chaque type de champ, donne la même
réponse dans durable_rules (``screen()``), l'évaluateur des cohortes (``batch``), la trace
des explications et l'oracle des tests.

Le référentiel des règles n'emploie pas tous les opérateurs sur tous les types (ni tous les
opérateurs niés) : ce test en écrit un, à côté des règles livrées, qui les emploie tous —
l'un après l'autre, à partir du registre (``evaluation/operateurs.py``). Un opérateur ajouté
au registre y entre sans rien toucher ici. C'est le garde-fou du ticket 406 de durable_rules
(« $neq » qui se trompe dans un référentiel chargé à l'exécution).
"""

from __future__ import annotations

import shutil

import numpy as np
import pyarrow as pa
import pytest
import yaml

from orientation.evaluation.moteur import charger_moteur
from orientation.evaluation.operateurs import OPERATEURS, STRUCTURE, permis
from orientation.evaluation.trace import evaluer
from orientation.situation.faits import CHAMPS, construire_fait
from orientation.tables.cohorte import ReperageCohorte
from orientation.tables.colonnes import lire_tableau
from orientation.tables.synthese import cohorte_complete
from tests.conftest import REGLES
from tests.oracles import SORTES, regles_tirees_reference

N = 600
PREFIXE = "R-ZOP-"

# Des champs de chaque type, obligatoires et facultatifs (un champ facultatif absent ne
# satisfait aucune comparaison : sa négation est vraie), et des valeurs qui partagent la
# cohorte synthétique.
ECHANTILLONS = {
    "age": [8, 16, 75, 80],
    "autonomie.gir": [2, 3, 4],
    "scores.epices": [0.0, 7.1, 40.2],
    "sante.nb_medicaments": [3, 5, 10],
    "social.aidant": ["present", "epuise"],
    "scores.mini_zarit_fardeau": ["absent_ou_leger", "leger_a_modere", "severe"],
    "social.vit_seul": [True],
    "scores.epices_precarite": [True],
    "sante.maladies_chroniques": ["diabete", "bpco"],
}


def _yaml(v):
    if isinstance(v, bool):
        return "oui" if v else "non"
    return v


def _operande(operateur: str, chemin: str):
    valeurs = ECHANTILLONS[chemin]
    if operateur == "renseigne":
        return "oui"
    forme = OPERATEURS[operateur].operande if operateur in OPERATEURS else (
        "liste" if operateur == "contient_un_de" else "valeur")
    if forme == "liste":
        return [_yaml(v) for v in valeurs[:2]]
    if forme == "intervalle":
        return [valeurs[0], valeurs[-1]]
    return _yaml(valeurs[len(valeurs) // 2])


def _regles_d_essai() -> list[dict]:
    regles = []
    for chemin in ECHANTILLONS:
        champ = CHAMPS[chemin]
        for operateur in permis(champ.type):
            if operateur == "renseigne" and not champ.optionnel:
                continue
            condition = {chemin: {operateur: _operande(operateur, chemin)}}
            for nie in (False, True):
                numero = len(regles)
                regles.append({
                    "id": f"{PREFIXE}{numero}",
                    "titre": f"{chemin} {operateur}{' (nié)' if nie else ''}",
                    "description": "Essai des opérateurs (tests/test_operateurs.py).",
                    "references": [{"titre": "Essai des opérateurs",
                                    "article": "choix du projet : test"}],
                    "si": {"aucune": [condition]} if nie else condition,
                    "alors": {"parcours": ["soins"]},
                })
    return regles


@pytest.fixture(scope="module")
def essai(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("operateurs") / "rules"
    shutil.copytree(REGLES, dossier)
    regles = _regles_d_essai()
    (dossier / "zz_operateurs.yaml").write_text(yaml.safe_dump(
        {"theme": "Essai des opérateurs", "description": "Chaque opérateur, affirmé et nié.",
         "regles": regles}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    catalogue = dossier / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "themes:\n", "themes:\n  - zz_operateurs.yaml\n", 1), encoding="utf-8")
    moteur = charger_moteur(dossier)
    valides, rejets = lire_tableau(cohorte_complete(N, graine=3))
    assert not rejets
    return moteur, [s for _, _, s in valides]


def _essais(ids) -> list[str]:
    return sorted((i for i in ids if i.startswith(PREFIXE)), key=lambda i: int(i[len(PREFIXE):]))


def test_le_registre_entier_est_essaye(essai):
    moteur, _ = essai
    essayes = {r.titre.split()[1] for r in moteur.referentiel.regles if r.id.startswith(PREFIXE)}
    assert essayes == set(OPERATEURS) | set(STRUCTURE)


def test_quatre_evaluateurs_d_accord_sur_chaque_operateur(essai):
    moteur, situations = essai
    referentiel = moteur.referentiel
    regles = [r for r in referentiel.regles if r.id.startswith(PREFIXE)]
    lot = pa.RecordBatch.from_pandas(cohorte_complete(N, graine=3), preserve_index=False)
    sortie, rejets = ReperageCohorte(referentiel).reperer_lot(lot, np.arange(2, N + 2))
    assert rejets.num_rows == 0
    par_lot = [_essais(x.split(";")) for x in sortie.column("regles").to_pylist()]
    vus_vrais, vus_faux = set(), set()
    for s, batch in zip(situations, par_lot, strict=True):
        fait = construire_fait(s, moteur.parametres)
        durable = _essais(r.id for r in moteur.regles_tirees(fait))
        oracle = _essais(r.id for r in regles_tirees_reference(referentiel, fait))
        vide = {sorte: set() for sorte in SORTES}
        trace = _essais(r.id for r in regles if evaluer(r.si, fait, vide).vraie)
        assert durable == batch == oracle == trace, (s.model_dump(exclude_defaults=True),
                                                     durable, batch, oracle, trace)
        vus_vrais |= set(durable)
        vus_faux |= {r.id for r in regles} - set(durable)
    # Chaque règle d'essai a été vraie pour un patient et fausse pour un autre : le test
    # peut échouer sur chacune.
    titres = {r.id: r.titre for r in regles}
    assert not [titres[i] for i in titres if i not in vus_vrais], "jamais vraies"
    assert not [titres[i] for i in titres if i not in vus_faux], "jamais fausses"


@pytest.mark.parametrize("operande, attendu", [
    ("[80, 16]", "la première borne (80) dépasse la seconde (16)"),
    ("75", "« entre » attend deux bornes [min, max] pour « age »"),
    ("[16, 75, 80]", "« entre » attend deux bornes [min, max] pour « age »"),
    ("[16, 300]", "« age » va de 0 à 120 : la valeur 300 est impossible"),
])
def test_un_intervalle_mal_ecrit_est_refuse_avec_sa_ligne(regles_copiees, operande, attendu):
    from orientation.referentiel import ErreurReferentiel, charger_referentiel

    fichier = regles_copiees / "autonomie.yaml"
    texte = fichier.read_text(encoding="utf-8")
    ancien = "age: {au_moins: $apa.age_minimal}"
    assert ancien in texte
    ligne = texte[:texte.index(ancien)].count("\n") + 1
    fichier.write_text(texte.replace(ancien, f"age: {{entre: {operande}}}", 1), encoding="utf-8")
    with pytest.raises(ErreurReferentiel) as e:
        charger_referentiel(regles_copiees)
    assert any(m.startswith(f"autonomie.yaml, ligne {ligne}") and attendu in m
               for m in e.value.erreurs), e.value.erreurs


def test_un_intervalle_se_lit_en_francais(essai):
    from orientation.referentiel.documentation import comparaison_en_francais

    moteur, _ = essai
    regle = next(r for r in moteur.referentiel.regles if r.titre == "age entre")
    assert comparaison_en_francais(regle.si, moteur.referentiel) == "âge de 8 à 80"
