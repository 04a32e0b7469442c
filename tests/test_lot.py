"""``orientation batch`` et la page Scénarios : un seul chemin de tableau (lecture, repérage,
écriture), des comptes qui tombent juste, tous les formats."""

import io
import json
import re
import sys

import pandas as pd
import pyarrow as pa
import pytest

from orientation import Situation, screen
from orientation.tables.atelier import reperer_fichier
from orientation.tables.colonnes import COLONNES, COLONNES_RESULTATS
from orientation.tables.fichiers import Source, chemin_des_rejets
from orientation.tables.lot import Options, executer
from orientation.tables.synthese import cohorte_complete, ecrire_cohorte
from tests.commande import orientation

ENTETE = "id,age,social.aidant,sante.nb_medicaments,contexte.urgence,sante.maladies_chroniques\n"
CORROMPU = (
    ENTETE
    + "a,84,epuise,12,non,diabete;bpco\n"          # 2 valide
    + "b,cent,present,0,non,\n"                     # 3 âge illisible
    + "c,70,fatigue,0,non,\n"                       # 4 énumération inconnue
    + "\n"                                          # 5 ligne vide (suivie d'autres lignes)
    + "d,70,present,douze,peut-être,\n"             # 6 deux types faux
    + "e,70,present,0,non,diabete,extra\n"          # 7 valeur en trop
    + "f,130,present,0,non,grippe\n"                # 8 hors limites + maladie inconnue
    + "g,45,aucun,3,oui,\n"                         # 9 valide
)


def _executer(tmp_path, contenu: bytes, nom="entree.csv", sortie="sortie.csv", **kw):
    entree = tmp_path / nom
    entree.write_bytes(contenu)
    rejets = []
    bilan = executer(entree, tmp_path / sortie, Options(**kw), rejet=rejets.append)
    return bilan, rejets


def _cli(*args, entree=None):
    return orientation(*args, entree=entree)


def test_csv_corrompu_chaque_ligne_rapportee_le_reste_repere(tmp_path):
    contenu = CORROMPU.encode() + b"h,50,present,0,non,\n"
    bilan, rejets = _executer(tmp_path, contenu, taille=3)
    assert (bilan.lues, bilan.reperees, bilan.rejetees) == (9, 3, 6)
    par_ligne = {}
    for r in rejets:
        par_ligne.setdefault(r.ligne, []).append(r.champ)
    assert par_ligne == {3: ["age"], 4: ["social.aidant"], 5: ["(ligne)"],
                         6: ["sante.nb_medicaments", "contexte.urgence"], 7: ["(ligne)"],
                         8: ["age", "sante.maladies_chroniques[0]"]}
    sortie = pd.read_csv(tmp_path / "sortie.csv", dtype=str, keep_default_na=False)
    assert list(sortie.columns) == ENTETE.strip().split(",") + COLONNES_RESULTATS
    assert sortie["id"].tolist() == ["a", "g", "h"]
    attendu = screen(Situation.model_validate({
        "age": 84, "social": {"aidant": "epuise"}, "contexte": {"urgence": False},
        "sante": {"nb_medicaments": 12, "maladies_chroniques": ["diabete", "bpco"]}}))
    assert sortie.loc[0, "niveau"] == attendu.niveau and sortie.loc[1, "urgence"] == "oui"
    assert sortie.loc[0, "sante.maladies_chroniques"] == "diabete;bpco"  # entrée recopiée
    fichier_rejets = pd.read_csv(chemin_des_rejets(tmp_path / "sortie.csv"), dtype=str)
    assert len(fichier_rejets) == len(rejets)


def test_meme_fichier_meme_sortie_en_ligne_de_commande_et_dans_l_application(tmp_path):
    """Le CSV que la page Scénarios fait télécharger est, octet pour octet, celui de
    ``orientation batch`` sur le même fichier."""
    contenu = CORROMPU.encode()
    (tmp_path / "e.csv").write_bytes(contenu)
    p = _cli("batch", str(tmp_path / "e.csv"), "-o", str(tmp_path / "s.csv"))
    assert p.returncode == 2, p.stderr.decode()
    lot = reperer_fichier("e.csv", contenu)
    assert lot.sortie_csv == (tmp_path / "s.csv").read_bytes()
    assert lot.nb_rejetees == 6 and len(lot.resultats) == 2
    classeur_cli = tmp_path / "s.xlsx"
    assert _cli("batch", str(tmp_path / "e.csv"), "-o", str(classeur_cli)).returncode == 2
    for feuille in ("resultats", "rejets"):
        cli = pd.read_excel(classeur_cli, sheet_name=feuille, dtype=str)
        app = pd.read_excel(io.BytesIO(lot.excel()), sheet_name=feuille, dtype=str)
        pd.testing.assert_frame_equal(cli, app)


def test_l_application_repere_10000_lignes_avec_le_moteur_vectoriel():
    contenu = io.StringIO()
    ecrire_cohorte(10_000, 3, None, contenu)
    lot = reperer_fichier("cohorte.csv", contenu.getvalue().encode())
    assert lot.bilan.reperees == 10_000 and lot.nb_rejetees == 0
    assert set(lot.resultats["niveau"]) == {"simple", "coordonne", "complexe"}


@pytest.mark.parametrize("format_", [".parquet", ".xlsx", ".jsonl"])
def test_formats_memes_resultats_que_csv(tmp_path, format_):
    ecrire_cohorte(300, 5, tmp_path / "c.csv", sys.stdout)
    ecrire_cohorte(300, 5, tmp_path / f"c{format_}", sys.stdout)
    executer(tmp_path / "c.csv", tmp_path / "r.csv")
    executer(tmp_path / f"c{format_}", tmp_path / f"r{format_}")
    lire = {".parquet": pd.read_parquet, ".xlsx": pd.read_excel,
            ".jsonl": lambda p: pd.read_json(p, lines=True, dtype=False)}[format_]
    csv_ = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    autre = lire(tmp_path / f"r{format_}")
    assert len(autre) == 300
    for col in ("id", "niveau", "acteurs", "appuis", "regles"):
        assert autre[col].fillna("").astype(str).tolist() == csv_[col].tolist()


def test_jsonl_lignes_invalides(tmp_path):
    lignes = ['{"id": "a", "age": 84, "social": {"aidant": "epuise"}}', "{pas du json",
              "", "[1, 2]", '{"age": 30, "social.aidant": "present", "agee": 3}',
              '{"id": "b", "age": 30, "contexte.urgence": true, "sante.nb_medicaments": 2.0}',
              '{"age": 200, "age": 84}']
    bilan, rejets = _executer(tmp_path, "\n".join(lignes).encode(), nom="e.jsonl",
                              sortie="s.jsonl")
    assert (bilan.lues, bilan.reperees, bilan.rejetees) == (7, 2, 5)
    assert [r.ligne for r in rejets] == [2, 3, 4, 5, 7] and rejets[3].champ == "agee"
    assert "double" in rejets[4].message
    sortie = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert [x["id"] for x in sortie] == ["a", "b"] and sortie[1]["urgence"] is True


def test_parquet_type_relu(tmp_path):
    table = pa.table({"id": ["x"], "age": pa.array([84], pa.int64()),
                      "contexte.urgence": [True],
                      "sante.maladies_chroniques": pa.array([["diabete", "bpco"]])})
    import pyarrow.parquet as pq

    pq.write_table(table, tmp_path / "e.parquet")
    bilan = executer(tmp_path / "e.parquet", tmp_path / "s.parquet")
    assert bilan.reperees == 1
    sortie = pd.read_parquet(tmp_path / "s.parquet")
    assert sortie["urgence"].tolist() == [True]  # typé (pas « oui »), l'urgence déclarée
    assert sortie["sante.maladies_chroniques"].tolist() == ["diabete;bpco"]


def test_parquet_sortie_texte_simple_et_bornes_des_resultats(tmp_path):
    """La sortie Parquet se relit en texte simple (pas en catégories), mêmes valeurs que le
    CSV ; chaque groupe de lignes a les bornes de l'identifiant et des résultats (pour
    filtrer sans tout lire), pas celles des colonnes recopiées ; lots de taille 7 : plusieurs
    groupes, chacun son dictionnaire."""
    import pyarrow.parquet as pq

    ecrire_cohorte(60, 3, tmp_path / "c.parquet", io.StringIO())
    executer(tmp_path / "c.parquet", tmp_path / "r.csv", Options(taille=7))
    executer(tmp_path / "c.parquet", tmp_path / "r.parquet", Options(taille=7))
    fichier = pq.ParquetFile(tmp_path / "r.parquet")
    schema = fichier.schema_arrow
    assert not any(pa.types.is_dictionary(t) for t in schema.types)
    assert schema.field("niveau").type == pa.string()
    assert schema.field("scores.gir").type == pa.int64()
    assert fichier.metadata.num_row_groups > 1
    groupe = fichier.metadata.row_group(1)
    bornes = {groupe.column(i).path_in_schema: groupe.column(i).is_stats_set
              for i in range(groupe.num_columns)}
    assert bornes["id"] and bornes["niveau"] and bornes["scores.gir"]
    assert not bornes["age"] and not bornes["social.aidant"]
    parquet = pd.read_parquet(tmp_path / "r.parquet")
    csv = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    for c in ("id", "age", "niveau", "acteurs", "regles", "scores.gir_source"):
        assert parquet[c].fillna("").astype(str).tolist() == csv[c].tolist(), c


def test_parquet_lots_de_types_differents_memes_valeurs(tmp_path):
    """Un lot en texte codé par dictionnaire, le suivant en texte simple (ou l'inverse) :
    le fichier Parquet garde les types du premier, les valeurs de chacun."""
    import pyarrow.parquet as pq

    from orientation.tables.fichiers import Ecrivain, Presentation

    codes = pa.record_batch({"a": pa.array(["x", "y", "x"]).dictionary_encode(),
                             "b": pa.array([1, 2, 3])})
    texte = pa.record_batch({"a": pa.array(["z", None]), "b": pa.array([4, 5])})
    with open(tmp_path / "s.parquet", "wb") as flux:
        ecrivain = Ecrivain(flux, ".parquet", Presentation("standard", False),
                            lambda lot, texte: lot)
        ecrivain.ecrire(codes)
        ecrivain.ecrire(texte)
        ecrivain.ecrire(codes)
        ecrivain.fermer(texte.slice(0, 0))
    table = pq.read_table(tmp_path / "s.parquet")
    assert table.column("a").to_pylist() == ["x", "y", "x", "z", None, "x", "y", "x"]
    assert table.column("b").to_pylist() == [1, 2, 3, 4, 5, 1, 2, 3]


def test_synth_puis_batch_en_ligne_de_commande(tmp_path):
    p = _cli("synth", "--n", "2000", "--seed", "4", "-o", str(tmp_path / "c.csv"))
    assert p.returncode == 0, p.stderr.decode()
    assert (tmp_path / "c.csv").read_bytes() == _cli("synth", "--n", "2000", "--seed",
                                                      "4").stdout  # déterministe
    p = _cli("batch", str(tmp_path / "c.csv"), "-o", str(tmp_path / "r.parquet"))
    assert p.returncode == 0, p.stderr.decode()
    assert "Lues : 2 000 = repérées : 2 000 + rejetées : 0" in p.stderr.decode()
    assert len(pd.read_parquet(tmp_path / "r.parquet")) == 2000
    assert not chemin_des_rejets(tmp_path / "r.parquet").exists()  # rien à rejeter


def test_batch_sans_sortie_ecrit_csv_sur_stdout_et_rejets_sur_stderr(tmp_path):
    (tmp_path / "e.csv").write_text(CORROMPU)
    p = _cli("batch", str(tmp_path / "e.csv"))
    assert p.returncode == 2  # au moins une ligne rejetée
    sortie = p.stdout.decode().splitlines()
    assert sortie[0].startswith("id,age,") and len(sortie) == 3
    erreurs = p.stderr.decode()
    assert "ligne 3 (b) : age : doit être un nombre entier" in erreurs
    assert "Lues : 8 = repérées : 2 + rejetées : 6" in erreurs
    assert list(tmp_path.iterdir()) == [tmp_path / "e.csv"]  # rien d'autre n'est écrit


def test_batch_lit_l_entree_standard(tmp_path):
    p = _cli("batch", "-", "-o", str(tmp_path / "s.csv"), entree=CORROMPU.encode())
    assert p.returncode == 2 and "Lues : 8 = repérées : 2" in p.stderr.decode()
    lignes = [json.dumps({"age": 84, "social": {"aidant": "epuise"}}), ""]
    p = _cli("batch", "-", "--format-entree", "jsonl", entree="\n".join(lignes).encode())
    assert p.returncode == 0, p.stderr.decode()
    assert "coordonne" in p.stdout.decode() or "complexe" in p.stdout.decode()


def test_synth_distributions_plausibles():
    df = cohorte_complete(5000, 1)
    age = df["age"].astype(int)
    assert 38 <= age.mean() <= 45 and age.max() <= 105
    gir = pd.to_numeric(df["autonomie.gir"], errors="coerce")
    assert (gir[age >= 85] <= 4).mean() > (gir[(age >= 60) & (age < 75)] <= 4).mean()
    assert list(df.columns) == COLONNES


def test_contrat_arrow_un_lot_en_entree_resultats_et_rejets_en_sortie(moteur):
    from orientation.tables.cohorte import ReperageCohorte

    lot = pa.RecordBatch.from_pydict({
        "id": ["a", "b", None], "age": ["84", "x", None],
        "social.aidant": pa.array(["epuise", None, None]).dictionary_encode(),
        "remarque": ["libre", "", None]})
    resultats, rejets = ReperageCohorte(moteur.referentiel).reperer_lot(lot, [10, 11, 12])
    assert resultats.schema.names == ["id", "age", "social.aidant", "remarque",
                                      *COLONNES_RESULTATS]
    assert resultats.column("id").to_pylist() == ["a"]
    assert pa.types.is_dictionary(resultats.schema.field("niveau").type)
    assert rejets.to_pylist() == [
        {"ligne": 11, "id": "b", "champ": "age", "message": "doit être un nombre entier "
                                                             "(reçu : « x »)"},
        {"ligne": 12, "id": None, "champ": "(ligne)", "message": "ligne vide"}]


def test_colonnes_de_resultat_celles_de_l_agregat_commun_pour_toute_partie_des_regles(moteur):
    """Les colonnes de résultat d'une cohorte sont bâties une fois par motif de règles
    tirées, sans appeler ``reunir`` : pour n'importe quelle partie des règles (vide, toutes,
    2 000 tirées au hasard), elles sont celles de l'agrégat commun à ``screen()``."""
    import numpy as np

    from orientation.resultat.assemblage import reunir
    from orientation.tables.cohorte import ReperageCohorte
    from orientation.tables.colonnes import conclusions_vers_ligne

    referentiel = moteur.referentiel
    regles = referentiel.regles
    hasard = np.random.default_rng(14)
    tirees = hasard.random((2_000, len(regles))) < hasard.choice([0.02, 0.1, 0.4], (2_000, 1))
    tirees[0], tirees[1] = False, True
    colonnes = ReperageCohorte(referentiel)._colonnes_sortie(tirees)
    obtenu = pa.RecordBatch.from_pydict(colonnes).to_pylist()
    for ligne, motif in zip(obtenu, tirees, strict=True):
        tirees_ici = [r for r, t in zip(regles, motif, strict=True) if t]
        attendu = conclusions_vers_ligne(reunir(referentiel, tirees_ici))
        assert ligne == attendu


def test_erreur_d_ecriture_en_cours_de_route_aucun_fichier_qui_a_l_air_complet(tmp_path,
                                                                              monkeypatch):
    """L'écriture se fait dans un fil à part : une erreur au deuxième lot (disque plein)
    arrête tout, remonte telle quelle avec ce qui a été fait, et ne laisse aucun fichier."""
    from orientation.tables import fichiers

    ecrits = []
    ecrire_csv = fichiers.Ecrivain._ecrire_csv

    def disque_plein(self, lot):
        if ecrits:
            raise OSError(28, "plus de place sur le disque")
        ecrits.append(lot.num_rows)
        ecrire_csv(self, lot)

    monkeypatch.setattr(fichiers.Ecrivain, "_ecrire_csv", disque_plein)
    contenu = io.StringIO()
    ecrire_cohorte(2_000, 2, None, contenu)
    (tmp_path / "e.csv").write_text(contenu.getvalue())
    with pytest.raises(OSError, match="plus de place") as erreur:
        executer(tmp_path / "e.csv", tmp_path / "s.csv", Options(taille=100))
    assert len(ecrits) == 1 and ecrits[0] < 2_000  # le premier lot seulement
    assert erreur.value.bilan.non_atteintes and erreur.value.bilan.reperees >= ecrits[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.csv"]


def test_source_depuis_des_octets_ou_un_chemin_meme_resultat(tmp_path):
    (tmp_path / "e.csv").write_text(CORROMPU)
    a, b = io.BytesIO(), io.BytesIO()
    executer(Source.fichier(tmp_path / "e.csv"), a)
    executer(Source.octets("e.csv", CORROMPU.encode()), b)
    assert a.getvalue() == b.getvalue() and a.getvalue()


@pytest.mark.parametrize("fin", [b"\r", b"\r\n", b"\n"], ids=["CR", "CRLF", "LF"])
def test_fins_de_ligne_de_tout_systeme_memes_numeros_de_ligne(tmp_path, fin):
    """Un fichier d'un ancien Mac (CR seul), de Windows (CRLF) ou d'Unix : mêmes lignes
    repérées, même ligne nommée pour l'erreur."""
    lignes = [b"id,age,social.aidant", b"a,80,present", b"b,200,present", b"c,85,epuise"]
    bilan, rejets = _executer(tmp_path, fin.join(lignes) + fin)
    assert (bilan.lues, bilan.reperees, bilan.rejetees) == (3, 2, 1)
    assert [(r.ligne, r.champ) for r in rejets] == [(3, "age")]
    jsonl = fin.join([b'{"id": "a", "age": 80}', b'{"id": "b", "age": 200}',
                      b'{"id": "c", "age": 85}'])
    bilan, rejets = _executer(tmp_path, jsonl, nom="e.jsonl", sortie="s.jsonl")
    assert (bilan.lues, bilan.reperees, bilan.rejetees) == (3, 2, 1)
    assert [(r.ligne, r.champ) for r in rejets] == [(2, "age")]


def test_un_en_tete_sans_fin_de_ligne_est_une_cohorte_vide(tmp_path):
    bilan, rejets = _executer(tmp_path, b"id,age,social.aidant")
    assert (bilan.lues, bilan.reperees, bilan.rejetees) == (0, 0, 0) and not rejets
    assert (tmp_path / "sortie.csv").read_text(encoding="utf-8").startswith("id,age,")


def test_lecture_csv_jamais_plus_de_quelques_blocs_d_avance():
    """Le lecteur CSV de pyarrow lit d'avance dans un fil à lui (jusqu'à 32 blocs de 16 Mo) :
    le flux qu'on lui donne s'arrête à ``avance_max`` octets d'avance sur ce qui a été
    rendu, reprend quand le lecteur avance, et ne reste jamais bloqué après ``liberer``."""
    import threading

    from orientation.tables.fichiers import EnUtf8

    morceau = 1 << 20
    transcodeur = EnUtf8(io.BytesIO(b"x" * (10 * morceau)), "utf-8", avance_max=2 * morceau)
    lus: list[int] = []

    def lire():
        tampon = bytearray(morceau)
        while n := transcodeur.readinto(tampon):
            lus.append(n)

    def attendre(condition) -> None:  # sans délai fixe : la machine de CI peut être lente
        for _ in range(300):
            if condition():
                return
            fil.join(0.05)

    fil = threading.Thread(target=lire, daemon=True)
    fil.start()
    attendre(lambda: sum(lus) >= 2 * morceau)
    fil.join(0.5)
    assert fil.is_alive() and 2 * morceau <= sum(lus) <= 3 * morceau  # arrêté : l'avance
    avant = sum(lus)
    transcodeur.consommer(2 * morceau)
    attendre(lambda: sum(lus) >= avant + 2 * morceau)
    fil.join(0.5)
    assert fil.is_alive() and avant + 2 * morceau <= sum(lus) <= 5 * morceau  # reprise, arrêt
    transcodeur.liberer()
    fil.join(30)
    assert not fil.is_alive() and sum(lus) == 10 * morceau + 1  # tout lu (fin de ligne ajoutée)


def test_champs_lus_ensemble_par_un_validateur_valides_ensemble(tmp_path):
    """Des chutes en 12 mois moins nombreuses qu'en 6 mois, un GIR saisi que la grille
    contredit : ``orientation screen`` les refuse ; le repérage d'une cohorte aussi, avec le
    même message, même si chaque cellule, seule, est valide."""
    from orientation.situation.erreurs import ErreurSaisie
    from orientation.tables.colonnes import ligne_vers_situation

    aggir = {"coherence": "A", "orientation": "A", "toilette": "A", "habillage": "A",
             "alimentation": "A", "elimination": "A", "transferts": "A",
             "deplacement_interieur": "A"}  # tout « A » : GIR 6
    colonnes = ["id", "age", "sante.chutes_6_mois", "sante.chutes_12_mois", "autonomie.gir",
                *(f"autonomie.aggir.{k}" for k in aggir)]
    lignes = [["a", "80", "3", "2", "", *[""] * 8],      # chutes incohérentes
              ["b", "80", "1", "2", "", *[""] * 8],      # cohérentes
              ["c", "80", "", "", "2", *aggir.values()],  # GIR contredit par la grille
              ["d", "80", "", "", "6", *aggir.values()],  # GIR confirmé
              ["e", "80", "3", "", "", *[""] * 8]]       # 12 mois absent : 0, non contrôlé
    contenu = "\n".join(",".join(x) for x in [colonnes, *lignes]) + "\n"
    bilan, rejets = _executer(tmp_path, contenu.encode())
    assert (bilan.reperees, bilan.rejetees) == (3, 2)
    attendus = []
    for ligne in lignes[::2][:2]:
        with pytest.raises(ErreurSaisie) as e:
            ligne_vers_situation({k: v for k, v in zip(colonnes[1:], ligne[1:], strict=True) if v})
        attendus.append(e.value.messages)
    assert [r.ligne for r in rejets] == [2, 4]
    assert [[f"{r.champ} : {r.message}"] for r in rejets] == attendus
    sortie = pd.read_csv(tmp_path / "sortie.csv", dtype=str, keep_default_na=False)
    assert sortie["id"].tolist() == ["b", "d", "e"]


def test_chaque_champ_lu_par_un_validateur_est_dans_l_unite_du_champ_valide():
    """Garde-fou : un nouveau validateur qui lit un autre champ (``info.data``) doit déclarer
    le couple dans ``CHAMPS_LIES``, sinon le repérage des cohortes validerait chaque champ
    seul et accepterait des lignes que ``screen()`` refuse."""
    import inspect

    from orientation.situation import modele
    from orientation.tables.cohorte import UNITES

    unite_de = {c: u for u in UNITES for c in u}
    trouves = 0
    for classe in vars(modele).values():
        if not (inspect.isclass(classe) and issubclass(classe, modele.BaseModel)):
            continue
        section = {f.annotation: nom for nom, f in modele.Situation.model_fields.items()}.get(
            classe)
        for decorateur in classe.__pydantic_decorators__.field_validators.values():
            source = inspect.getsource(decorateur.func)
            for lu in re.findall(r'info\.data\.get\("(\w+)"', source):
                for champ in decorateur.info.fields:
                    trouves += 1
                    a, b = f"{section}.{lu}", f"{section}.{champ}"
                    membres = {c for c in unite_de if c == b or c.startswith(b + ".")}
                    assert membres, b
                    assert all(unite_de[a] == unite_de[m] for m in membres), (a, b)
    assert trouves >= 2


def test_une_unite_seule_change_le_fait_comme_la_situation_entiere():
    """Le repérage d'une cohorte calcule ce que chaque unité de colonnes change au fait en
    ne validant que ses sections ; c'est exactement ce que donne le chemin de ``screen()``
    (la situation entière validée, son fait entier), valeurs valides comme refusées."""
    from orientation.situation.erreurs import ErreurSaisie
    from orientation.situation.faits import construire_fait
    from orientation.tables.cohorte import UNITES
    from orientation.tables.colonnes import ligne_vers_situation
    from orientation.tables.lot import reperage_pour

    df = cohorte_complete(3_000, graine=17)
    reperage = reperage_pour(None)
    neutre = set(reperage.neutre.items())
    compares = refusees = 0
    for u, unite in enumerate(UNITES):
        presentes = [c for c in unite if c in df.columns]
        lignes = df[presentes].astype(object).where(df[presentes].notna(), None)
        cles = sorted({tuple(x) for x in lignes.itertuples(index=False)}, key=repr)[:400]
        # et des cellules que la lecture refuse, ou vides (l'âge vide est refusé)
        cles += [tuple("zzz" if i == 0 else v for i, v in enumerate(cle)) for cle in cles[:3]]
        cles += [tuple(None for _ in presentes), tuple("" for _ in presentes)]
        for cle in cles:
            ligne = {k: v for k, v in zip(presentes, cle, strict=True)
                     if v is not None and v != ""}
            if "age" not in presentes:  # une autre unité : validée sous l'âge neutre
                ligne["age"] = 0
            try:
                attendu = dict(construire_fait(ligne_vers_situation(ligne),
                                               reperage.parametres).items() - neutre)
            except ErreurSaisie:
                attendu = None
                refusees += 1
            assert reperage._delta(u, cle, presentes) == attendu, (unite, cle)
            compares += 1
    assert compares > 1_000 and refusees >= len(UNITES)


def _corps_desordonne(n: int) -> list[str]:
    """Des lignes de CSV comme on en reçoit : valides, vides, blanches, avec une valeur de
    trop ou de moins, une valeur invalide, des caractères accentués."""
    lignes = []
    for i in range(n):
        sorte = i % 23
        if sorte == 5:
            lignes.append("")
        elif sorte == 9:
            lignes.append("   ")
        elif sorte == 11:
            lignes.append(f"x{i},80,present,1,non,diabete,en trop")
        elif sorte == 13:
            lignes.append(f"x{i},80,present")
        elif sorte == 17:
            lignes.append(f"x{i},cent,épuisé,1,non,")
        else:
            lignes.append(f"x{i},{20 + i % 80},{('present', 'epuise', 'aucun')[i % 3]},"
                          f"{i % 12},{('non', 'oui')[i % 7 == 0]},"
                          f"{('diabete;bpco', '', 'cancer')[i % 3]}")
    return lignes


def _repere(tmp_path, contenu: bytes, nom: str):
    bilan, rejets = _executer(tmp_path, contenu, nom=f"{nom}.csv", sortie=f"{nom}_s.csv",
                              taille=3)  # blocs de lecture de 64 Kio : plusieurs blocs
    sortie = pd.read_csv(tmp_path / f"{nom}_s.csv", dtype=str, keep_default_na=False)
    return ((bilan.lues, bilan.reperees, bilan.rejetees),
            [(r.ligne, r.id, r.champ, r.message) for r in rejets], sortie)


@pytest.mark.parametrize("fin", [b"\n", b"\r\n"], ids=["LF", "CRLF"])
def test_csv_lu_par_blocs_en_parallele_comme_en_flux(tmp_path, fin, monkeypatch):
    """Un CSV sans guillemets se lit par blocs de lignes analysés en parallèle ; un guillemet
    fait lire la suite en flux (enregistrement par enregistrement). Les deux chemins donnent
    les mêmes lignes repérées, les mêmes rejets aux mêmes numéros de ligne, sur plusieurs
    blocs, quel que soit l'endroit où le premier guillemet apparaît."""
    from orientation.tables import fichiers

    monkeypatch.setattr(fichiers, "fils_lecture_csv", lambda: 3)  # quelle que soit la machine
    corps = _corps_desordonne(12_000)
    assert len("\n".join(corps)) > 3 * 64 * 1024
    variantes = {}
    for nom, guillemet in (("blocs", None), ("flux", 0), ("bascule", 5_000),
                           ("tard", 11_990)):
        lignes = list(corps)
        if guillemet is not None:  # le même identifiant, entre guillemets
            while not lignes[guillemet].startswith("x"):
                guillemet += 1
            ident, reste = lignes[guillemet].split(",", 1)
            lignes[guillemet] = f'"{ident}",{reste}'
        contenu = fin.join([ENTETE.strip().encode(), *(x.encode() for x in lignes)]) + fin
        variantes[nom] = _repere(tmp_path, contenu, nom)
    comptes, rejets, sortie = variantes["blocs"]
    assert comptes[2] > 1_000 and comptes[1] > 3_000
    assert {r[0] for r in rejets} >= {7, 11, 13, 15, 19}  # lignes 2 + i : vide, blanche…
    for nom in ("flux", "bascule", "tard"):
        assert variantes[nom][0] == comptes, nom
        assert variantes[nom][1] == rejets, nom
        pd.testing.assert_frame_equal(variantes[nom][2], sortie)


@pytest.mark.parametrize("groupe", [7, 300, 1_000])
def test_parquet_lu_groupe_par_groupe_memes_resultats(tmp_path, groupe):
    """Un Parquet se lit groupe de lignes par groupe (chacun garde ses dictionnaires), de
    petits groupes réunis, un grand découpé : mêmes résultats, dans le même ordre, qu'en
    CSV, quelle que soit la taille des groupes."""
    import pyarrow.parquet as pq

    ecrire_cohorte(1_000, 8, tmp_path / "c.csv", io.StringIO())
    table = pa.Table.from_pandas(pd.read_csv(tmp_path / "c.csv", dtype=str,
                                             keep_default_na=False), preserve_index=False)
    pq.write_table(table, tmp_path / "c.parquet", row_group_size=groupe)
    assert pq.ParquetFile(tmp_path / "c.parquet").num_row_groups == -(-1_000 // groupe)
    executer(tmp_path / "c.csv", tmp_path / "r.csv", Options(taille=64))
    bilan = executer(tmp_path / "c.parquet", tmp_path / "r.parquet", Options(taille=64))
    assert bilan.reperees + bilan.rejetees == 1_000
    csv_ = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    autre = pq.read_table(tmp_path / "r.parquet")
    for col in ("id", "niveau", "acteurs", "appuis", "regles", "scores.gir"):
        valeurs = ["" if v is None else str(v) for v in autre.column(col).to_pylist()]
        assert valeurs == csv_[col].tolist(), col


def test_age_vide_refuse_comme_par_screen(tmp_path):
    """Une cellule d'âge vide (les autres remplies) : le repérage d'une cohorte refuse la
    ligne, avec le message de ``screen()`` (l'âge neutre ne sert qu'à valider une autre
    unité seule)."""
    contenu = (ENTETE + "a,,present,1,non,\nb,70,present,1,non,\n").encode()
    bilan, rejets = _executer(tmp_path, contenu)
    assert (bilan.reperees, bilan.rejetees) == (1, 1)
    assert [(r.ligne, r.champ, r.message) for r in rejets] == [
        (2, "age", "champ obligatoire manquant")]
