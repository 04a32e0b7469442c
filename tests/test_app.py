"""L'application, page par page, avec ``streamlit.testing`` (sans navigateur) : ce qu'un
médecin ou un coordonnateur voit après avoir saisi, chargé un exemple ou cherché."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from orientation.referentiel import referentiel_par_defaut
from tests.conftest import RACINE

PAGES = ("app_pages/reperage.py", "app_pages/scenarios.py", "app_pages/referentiel.py")


def application(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=30)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def textes(at: AppTest) -> str:
    """Tout le texte affiché (Markdown, légendes, encadrés, titres)."""
    morceaux = []
    for sorte in ("title", "header", "subheader", "markdown", "caption", "error", "warning",
                  "info", "success"):
        morceaux += [str(e.value) for e in getattr(at, sorte)]
    return "\n".join(morceaux)


def charger_exemple(at: AppTest, titre: str) -> AppTest:
    at.selectbox(key="reperage._exemple").select(titre).run()
    at.button(key="reperage._charger").click().run()
    return at


def reperer(at: AppTest) -> AppTest:
    return at.button(key="reperage._reperer").click().run()


@pytest.mark.parametrize("page", PAGES)
def test_chaque_page_s_affiche_sans_erreur(page):
    at = application(page)
    assert not at.exception
    assert at.title


def test_la_navigation_a_trois_sections():
    at = application()
    assert not at.exception
    assert at.title[0].value == "Repérage du parcours"
    assert [t.label for t in at.tabs] == ["Contexte", "Santé", "Autonomie", "Handicap", "Social"]


def test_un_exemple_charge_puis_repere_montre_niveau_clusters_et_appuis():
    at = reperer(charger_exemple(application(), "Personne âgée, situation complexe"))
    assert not at.exception
    assert at.number_input(key="reperage.age").value == 84
    texte = textes(at)
    assert ":red[:material/hub: Parcours complexe]" in texte
    assert "**Médico-social à domicile**\n\n- SAD aide" in texte
    assert "**:orange[Gestion de cas]**" in texte
    assert "**:orange[DAC – réponse globale]**" in texte
    assert "Réseau du patient" in texte
    # « pourquoi ? » : la règle, les valeurs qui l'ont déclenchée, des sources cliquables
    assert "`R-APPUI-GESTION-DE-CAS`" in texte
    assert "car âge = 84" in texte
    assert "](https://" in texte
    assert at.get("graphviz_chart")
    assert len(at.get("download_button")) == 3  # fiche PDF, fiche Markdown, résultat JSON
    # la précarité n'est pas renseignée : EPICES est proposé pour trancher deux règles
    assert any(e.label.startswith("À compléter pour affiner") for e in at.expander)
    assert "**Précarité selon EPICES** : Précarité" in texte


def test_une_urgence_vient_en_premier_avec_son_alerte():
    at = reperer(charger_exemple(application(), "Urgence vitale"))
    erreurs = [e.value for e in at.error]
    assert "appeler le 15" in erreurs[0]
    assert any("Signes d'urgence vitale : appeler le 15 (SAMU)" in e for e in erreurs)
    assert "SAMU – centre 15" in textes(at)


def test_un_medecin_remplit_le_formulaire_a_la_main():
    at = application()
    at.number_input(key="reperage.age").set_value(86)
    at.number_input(key="reperage.sante.chutes_6_mois").set_value(3)
    for case in ("sante.pathologie_instable", "sante.denutrition",
                 "autonomie.autonomie_decisionnelle_alteree", "social.isolement"):
        at.checkbox(key=f"reperage.{case}").check()
    at.selectbox(key="reperage.autonomie.aides").select("insuffisantes")
    at.selectbox(key="reperage.social.aidant").select("epuise")
    reperer(at)
    assert not at.exception
    texte = textes(at)
    assert "Parcours complexe" in texte
    assert "`R-COMPLEXITE-FACTEURS-RUPTURE`" in texte
    assert "**:orange[DAC – réponse globale]**" in texte


def test_l_age_manquant_est_une_erreur_nommee_sans_trace():
    at = reperer(application())
    assert not at.exception
    assert "Âge (age) : champ obligatoire manquant" in at.error[0].value


def test_un_gir_qui_contredit_la_grille_aggir_est_signale_en_francais():
    at = application()
    at.number_input(key="reperage.age").set_value(80)
    at.selectbox(key="reperage.autonomie.gir").select(2)
    for variable in ("coherence", "orientation", "toilette", "habillage", "alimentation",
                     "elimination", "transferts", "deplacement_interieur"):
        at.radio(key=f"reperage.autonomie.aggir.{variable}").set_value("A")
    reperer(at)
    assert not at.exception
    message = at.error[0].value
    assert "Grille AGGIR (autonomie.aggir) : la grille AGGIR donne le GIR 6" in message
    assert "autonomie.gir" in message
    assert "Parcours" not in textes(at).replace("Repérage du parcours", "")


def test_les_scores_des_instruments_s_affichent_pendant_la_saisie():
    at = application()
    assert any(e.label == "Grille AGGIR (facultative) · 0/8 variables codées" for e in at.expander)
    for variable in ("coherence", "orientation", "toilette", "habillage", "alimentation",
                     "elimination", "transferts", "deplacement_interieur"):
        at.radio(key=f"reperage.autonomie.aggir.{variable}").set_value("B")
    at.run()
    assert any(e.label == "Grille AGGIR (facultative) · GIR calculé : 4" for e in at.expander)
    for i in range(7):
        at.radio(key=f"reperage.social.mini_zarit.{i}").set_value("souvent")
    at.run()
    assert any(e.label.endswith("Mini-Zarit : 7 / 7 (fardeau sévère)") for e in at.expander)


def test_la_saisie_survit_a_un_detour_par_le_referentiel():
    at = application()
    at.number_input(key="reperage.age").set_value(77).run()
    at.switch_page("app_pages/referentiel.py").run()
    at.switch_page("app_pages/reperage.py").run()
    assert at.number_input(key="reperage.age").value == 77


def test_un_changement_apres_reperage_invite_a_relancer():
    at = reperer(charger_exemple(application(), "Cas simple"))
    at.checkbox(key="reperage.social.isolement").check().run()
    assert any("La saisie a changé" in i.value for i in at.info)


def test_le_referentiel_se_cherche_et_se_lit_en_francais():
    at = application("app_pages/referentiel.py")
    tout = len(at.expander)
    assert tout == len(referentiel_par_defaut().regles)  # chaque règle, une fois
    at.text_input(key="referentiel.recherche").input("paerpa.age_minimal").run()
    (regle,) = at.expander
    assert regle.label.endswith("R-COMPLEXITE-PAERPA-PPS")
    texte = "\n".join(m.value for m in regle.markdown)
    assert "- âge ≥ 75 ans (paramètre paerpa.age_minimal)" in texte
    assert "- une de ces conditions :" in texte
    assert "](https://www.has-sante.fr/" in texte
    assert "**Scénarios**" in texte
    parametres = at.dataframe[0].value
    assert "paerpa.age_minimal" in set(parametres["Paramètre"])


def test_scenarios_un_tableau_injecte_se_repere_avec_ses_erreurs_a_cote():
    from orientation.tables.atelier import modele_csv
    from orientation.tables.colonnes import COLONNES

    at = application("app_pages/scenarios.py")
    contenu = modele_csv() + ("p2;cent" + ";" * (len(COLONNES) - 2) + "\r\n").encode()
    at.session_state["scenarios.fichier"] = ("modele.csv", contenu)
    at.run()
    at.button(key="scenarios._reperer").click().run()
    assert not at.exception
    assert at.success[0].value == "1 situation(s) repérée(s), 1 ligne(s) en erreur."
    vue = next(d.value for d in at.dataframe if "statut" in d.value.columns)
    assert list(vue["statut"]) == ["repéré", "erreur"]
    assert vue.loc[0, "niveau"] == "complexe"
    assert vue.loc[1, "erreurs"] == "age : doit être un nombre entier (reçu : « cent »)"


def test_scenarios_une_cohorte_fictive_se_repere_sans_fichier():
    at = application("app_pages/scenarios.py")
    at.button(key="scenarios._fictive").click().run()
    at.button(key="scenarios._reperer").click().run()
    assert not at.exception
    assert at.success[0].value == "200 situation(s) repérée(s), 0 ligne(s) en erreur."
    vue = next(d.value for d in at.dataframe if "statut" in d.value.columns)
    assert set(vue["niveau"]) == {"simple", "coordonne", "complexe"}


def test_et_si_montre_ce_qui_change_cote_a_cote():
    at = application("app_pages/scenarios.py")
    at.selectbox(key="etsi._depart").select("Cas simple").run()
    at.button(key="etsi._partir").click().run()
    assert "Aucun changement dans l'orientation." in textes(at)
    at.checkbox(key="etsi.social.isolement").check()
    at.selectbox(key="etsi.social.aidant").select("epuise").run()
    assert not at.exception
    texte = textes(at)
    assert ":blue[Niveau : simple → complexe]" in texte
    assert ":green[Fonctions d'appui proposées : + DAC – réponse globale]" in texte
    modifies = next(d.value for d in at.dataframe if "après" in d.value.columns)
    assert modifies.values.tolist() == [["Isolement social", "non", "oui"],
                                        ["Aidant", "présent", "épuisé"]]
    assert "#### :green[Parcours simple]" in texte and "#### :red[Parcours complexe]" in texte


def test_et_si_peut_partir_du_dernier_reperage():
    at = reperer(charger_exemple(application(), "Urgence vitale"))
    at.switch_page("app_pages/scenarios.py").run()
    assert at.selectbox(key="etsi._depart").options[0] == "La situation du dernier repérage"
    at.button(key="etsi._partir").click().run()
    assert at.checkbox(key="etsi.contexte.urgence").value is True


def test_un_fichier_aux_colonnes_inconnues_est_refuse_sans_interpreter_leur_texte():
    at = application("app_pages/scenarios.py")
    at.session_state["scenarios.fichier"] = ("p.csv", b"age,sante.[lien](https://exemple.org)\n80,x\n")
    at.run()
    at.button(key="scenarios._reperer").click().run()
    assert not at.exception
    message = at.error[0].value
    assert message.startswith("Le fichier est refusé")
    assert "\\[lien\\]\\(https\\:" in message  # affiché tel quel, pas comme un lien


# --- Qui appeler, d'un coup d'œil (issue 11) -----------------------------------------------------


@pytest.fixture
def annuaire_vide(tmp_path, monkeypatch):
    """Aucun annuaire importé : l'application prend l'annuaire d'exemple livré."""
    monkeypatch.setenv("ORIENTATION_ANNUAIRE", str(tmp_path / "aucun"))


def _a_faire(at: AppTest) -> list[str]:
    """Les lignes numérotées de « À faire maintenant »."""
    return [str(m.value) for m in at.markdown if str(m.value)[:1].isdigit()
            and str(m.value)[1:3] == "\\."]


def test_avec_la_commune_les_choses_a_faire_donnent_qui_appeler(annuaire_vide):
    at = charger_exemple(application(), "Personne âgée, situation complexe")
    at.text_input(key="reperage._commune").input("01004")
    reperer(at)
    assert not at.exception
    texte = textes(at)
    assert "**À faire maintenant**" in texte
    lignes = _a_faire(at)
    # D'abord le DAC (fonctions d'appui, dans l'ordre du catalogue), une seule fois pour ses
    # trois missions, avec un numéro cliquable ; au plus cinq lignes.
    assert lignes[0].startswith("1\\. **DAC – réponse globale · DAC – appui à la personne")
    assert "DAC de l'Ain \\(exemple fictif\\) — ☎ **[01 99 00 01 01](tel:0199000101)**" \
        in lignes[0]
    assert 3 <= len(lignes) <= 5
    # L'annuaire d'exemple le dit ; le SSIAD réel de FINESS est dans le détail.
    assert "Annuaire d'exemple" in texte
    assert "SSIAD EHPAD FONTELUNE AMBERIEU\\-EN\\-BUGEY — tél\\. 04 74 46 41 96" in texte
    assert any(e.label == "Pourquoi ? Le détail du repérage" for e in at.expander)


def test_sans_commune_le_resultat_dit_comment_avoir_les_numeros(annuaire_vide):
    at = reperer(charger_exemple(application(), "Personne âgée, situation complexe"))
    texte = textes(at)
    assert "Indiquez la commune du patient" in texte
    assert "tel:" not in texte


def test_une_commune_illisible_est_signalee_le_resultat_reste(annuaire_vide):
    at = charger_exemple(application(), "Personne âgée, situation complexe")
    at.text_input(key="reperage._commune").input("Bourg")
    reperer(at)
    assert any("n'est ni un code commune INSEE" in str(w.value) for w in at.warning)
    assert "Parcours complexe" in textes(at)


def test_la_commune_n_est_pas_gardee_d_une_page_a_l_autre(annuaire_vide):
    at = application()
    at.text_input(key="reperage._commune").input("01004").run()
    at.switch_page("app_pages/referentiel.py").run()
    at.switch_page("app_pages/reperage.py").run()
    assert at.text_input(key="reperage._commune").value == ""


def test_la_demande_d_appui_se_remplit_a_l_export(annuaire_vide):
    at = reperer(charger_exemple(application(), "Personne âgée, situation complexe"))
    at.text_input(key="demande.reperage.nom").input("DUPONT")
    at.text_input(key="demande.reperage.dem.rpps").input("123").run()
    assert any("numéro RPPS" in str(e.value) and "11 chiffres" in str(e.value)
               for e in at.error)
    bouton = next(b for b in at.get("download_button") if "Demande d'appui" in b.proto.label)
    assert bouton.proto.disabled
    at.text_input(key="demande.reperage.dem.rpps").input("10001234567").run()
    bouton = next(b for b in at.get("download_button") if "Demande d'appui" in b.proto.label)
    assert not bouton.proto.disabled


def test_les_maladies_chroniques_se_lisent_toutes():
    at = charger_exemple(application(), "Personne âgée, situation complexe")
    pastilles = next(g for g in at.get("button_group")
                     if g.proto.label == "Maladies chroniques")
    libelles = [o.content for o in pastilles.proto.options]
    assert {"BPCO", "AVC", "VIH", "Insuffisance cardiaque"} <= set(libelles)
