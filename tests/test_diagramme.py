"""Le réseau du patient en DOT : patient au centre, clusters, acteurs, appuis en évidence."""

from orientation.resultat.diagramme import dot_reseau
from tests.conftest import exemple, situation


def test_le_reseau_relie_le_patient_a_ses_clusters_acteurs_et_appuis(moteur):
    o = moteur.screen(situation(exemple("03_personne_agee_complexe.json")))
    dot = dot_reseau(o)
    assert dot.startswith("graph reseau {") and dot.rstrip().endswith("}")
    assert "root=patient" in dot and 'label="Patient\\nparcours complexe"' in dot
    for c in o.clusters:
        assert f'patient -- "c_{c.id}"' in dot
        carte = next(ligne for ligne in dot.splitlines() if ligne.startswith(f'  "c_{c.id}" ['))
        for a in c.acteurs:
            assert f"• {a.libelle.split()[0]}" in carte
    assert '"c_medico_social_domicile" [label="Médico-social à domicile\\n\\n• SAD aide\\l' in dot
    ligne_appui = next(ligne for ligne in dot.splitlines() if ligne.startswith('  "p_gestion_de_cas" ['))
    assert "fillcolor=\"#ffe5b4\"" in ligne_appui and "penwidth=2" in ligne_appui
    assert dot == dot_reseau(o)


def test_un_parcours_simple_n_a_que_le_patient(moteur):
    dot = dot_reseau(moteur.screen(situation({"age": 30})))
    assert 'label="Patient\\nparcours simple"' in dot and " -- " not in dot


def test_les_guillemets_des_libelles_sont_echappes():
    from orientation.resultat.diagramme import _texte

    assert _texte('Le "DAC"') == '"Le \\"DAC\\""'
