"""Le référentiel lu en français : conditions, conclusions, recherche, scénarios."""

from orientation.referentiel.documentation import (
    conclusions_en_lignes,
    condition_en_lignes,
    condition_en_markdown,
    rechercher,
    scenarios_par_regle,
)


def test_une_regle_paerpa_se_lit_en_francais_avec_ses_parametres(moteur):
    ref = moteur.referentiel
    texte = condition_en_markdown(ref.regle("R-COMPLEXITE-PAERPA-PPS").si, ref)
    assert "- âge ≥ 75 ans (paramètre paerpa.age_minimal)" in texte
    assert "- une de ces conditions :" in texte
    assert "  - nombre de médicaments par jour ≥ 10 (paramètre polymedication.nb_medicaments)" in texte


def test_les_compositions_se_lisent_comme_publicodes(moteur):
    ref = moteur.referentiel
    lignes = condition_en_lignes(ref.regle("R-COMPLEXITE-FACTEURS-RUPTURE").si, ref)
    assert lignes[0] == (0, "au moins 3 de ces conditions :")
    assert (1, "une de ces conditions :") in lignes
    assert (2, "aidant : épuisé") in lignes
    assert (2, "chutes en 12 mois ≥ 2 (paramètre chutes.nb_repetees)") in lignes


def test_le_chainage_et_les_conclusions_se_lisent(moteur):
    ref = moteur.referentiel
    chainee = condition_en_markdown(ref.regle("R-COMPLEXITE-PLURISECTORIELLE").si, ref)
    assert "d'autres règles ont conclu au moins 2 secteurs" in chainee
    conclusions = conclusions_en_lignes(ref.regle("R-CAS-URGENCE-VITALE").alors, ref)
    assert conclusions[0] == "urgence vitale"
    assert "cluster « Hôpital » : SAMU – centre 15, Service des urgences" in conclusions


def test_chaque_regle_du_referentiel_se_lit(moteur):
    ref = moteur.referentiel
    for r in ref.regles:
        assert condition_en_lignes(r.si, ref), r.id
        assert conclusions_en_lignes(r.alors, ref), r.id


def test_la_recherche_ignore_accents_et_casse_et_trouve_par_champ(moteur):
    ref = moteur.referentiel
    par_mot = {r.id for r in rechercher(ref, "AIDANT epuise")}
    assert "R-COMPLEXITE-FACTEURS-RUPTURE" in par_mot
    assert {r.id for r in rechercher(ref, "paerpa.age_minimal")} == {"R-COMPLEXITE-PAERPA-PPS"}
    assert len(rechercher(ref, "")) == len(ref.regles)
    assert rechercher(ref, "zzz introuvable") == []


def test_les_scenarios_se_rattachent_aux_regles_par_leurs_etiquettes(tmp_path):
    (tmp_path / "aidant.feature").write_text(
        "# language: fr\n"
        "@aidant\n"
        "Fonctionnalité: L'aidant\n"
        "\n"
        "  @R-SOCIAL-AIDANT-EPUISE\n"
        "  Règle: Un aidant épuisé\n"
        "\n"
        "    Scénario: La fille épuisée de M. Martin\n"
        "      Soit une personne de 84 ans\n"
        "\n"
        "    @R-APPUI-DAC-PERSONNE-AIDANT\n"
        "    Exemple: Avec appui du DAC\n"
        "      Soit une personne de 80 ans\n",
        encoding="utf-8")
    scenarios = scenarios_par_regle(tmp_path)
    assert [s.titre for s in scenarios["R-SOCIAL-AIDANT-EPUISE"]] == [
        "La fille épuisée de M. Martin", "Avec appui du DAC"]
    (seul,) = scenarios["R-APPUI-DAC-PERSONNE-AIDANT"]
    assert (seul.fichier, seul.fonctionnalite, seul.ligne) == ("aidant.feature", "L'aidant", 12)


def test_sans_dossier_features_aucun_scenario(tmp_path):
    assert scenarios_par_regle(tmp_path / "features") == {}


def test_chaque_parametre_connait_les_regles_qui_le_citent(moteur):
    from orientation.referentiel.documentation import regles_par_parametre

    par_parametre = regles_par_parametre(moteur.referentiel)
    assert set(par_parametre) == set(moteur.referentiel.parametres)
    assert "R-COMPLEXITE-PAERPA-PPS" in par_parametre["paerpa.age_minimal"]


def test_hors_de_se_lit_autre_que(moteur):
    ref = moteur.referentiel
    texte = condition_en_markdown(ref.regle("R-AUTONOMIE-DEPENDANCE-LOURDE").si, ref)
    assert "logement : autre que adapté" in texte
