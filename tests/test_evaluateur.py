"""Le second évaluateur (batch) donne exactement les résultats de ``screen()`` (durable_rules).

Test différentiel sur une cohorte synthétique de 20 000 patients où chaque règle du
référentiel tire au moins une fois (vérifié ici) ; compare niveau, urgence, PPS, secteurs,
parcours, clusters, acteurs, appuis, alertes, scores et règles tirées.
"""

import collections

import numpy as np
import pyarrow as pa
import pytest

from orientation.evaluation.vectoriel import EvaluateurCompile
from orientation.situation.faits import construire_fait
from orientation.tables.cohorte import ReperageCohorte
from orientation.tables.colonnes import COLONNES_SORTIE, lire_tableau, resultat_vers_ligne
from orientation.tables.synthese import cohorte_complete
from tests.oracles import regles_tirees_reference

N = 20_000
# Le différentiel sur 20 000 patients est long (durable_rules ligne à ligne) : lancé par
# .ci/run avec les autres tests « lent ».
pytestmark = pytest.mark.lent


@pytest.fixture(scope="module")
def cohorte():
    return cohorte_complete(N, graine=0)


@pytest.fixture(scope="module")
def attendu(cohorte, moteur):
    valides, rejets = lire_tableau(cohorte)
    assert not rejets
    return [(s, resultat_vers_ligne(i, moteur.screen(s))) for _, i, s in valides]


def _propre(ligne):
    return {k: (None if isinstance(v, float) and v != v else v) for k, v in ligne.items()}


def test_chaque_regle_tire_quelque_part(attendu, moteur):
    tirs = collections.Counter(r for _, ligne in attendu for r in ligne["regles"].split(";") if r)
    jamais = [r.id for r in moteur.referentiel.regles if not tirs[r.id]]
    assert not jamais, f"cohorte pas assez diverse : {jamais}"


def test_batch_identique_a_screen_sur_20000_patients(cohorte, attendu, moteur):
    reperage = ReperageCohorte(moteur.referentiel)
    obtenu = []
    for debut in range(0, N, 7_000):  # plusieurs blocs : les caches servent d'un bloc à l'autre
        bloc = cohorte.iloc[debut:debut + 7_000]
        lot = pa.RecordBatch.from_pandas(bloc, preserve_index=False)
        sortie, rejets = reperage.reperer_lot(lot, np.arange(debut + 2, debut + 2 + len(bloc)))
        assert rejets.num_rows == 0
        obtenu += [_propre({k: v for k, v in x.items() if k in COLONNES_SORTIE})
                   for x in sortie.to_pylist()]
    assert len(obtenu) == N
    differences = [(a, b) for a, (_, b) in zip(obtenu, attendu, strict=True) if a != b]
    assert not differences, differences[:2]


def test_evaluateurs_compile_et_reference_identiques_a_durable(attendu, moteur):
    compile_ = EvaluateurCompile(moteur.referentiel)
    for s, ligne in attendu[:3_000]:
        fait = construire_fait(s, moteur.parametres)
        ids = ";".join(r.id for r in compile_.regles_tirees(fait))
        assert ids == ligne["regles"]
        assert ";".join(r.id for r in regles_tirees_reference(moteur.referentiel, fait)) == ids


