"""De bout en bout, dans un vrai navigateur : ``streamlit run app.py`` sur un port local
libre, Chromium de Debian piloté par Playwright, un médecin remplit le formulaire pour une
personne âgée en situation complexe et lit le résultat.

En CI (``CI`` défini), l'absence de Chromium est un échec, pas un test sauté :
``.ci/apt-packages`` l'installe. Ailleurs, sans Chromium, le test est sauté avec la raison.

Variables utiles : ``ORIENTATION_CAPTURE=docs/capture.png`` copie aussi la capture
d'écran du résultat à cet endroit (pour le README).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import RACINE

CHROMIUM = os.environ.get("ORIENTATION_CHROMIUM", "/usr/bin/chromium")
ARGUMENTS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--no-first-run"]


def _manque(raison: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{raison} : en CI, ce test doit tourner (voir .ci/apt-packages)")
    pytest.skip(raison)


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def serveur():
    """L'application lancée comme le README la lance ; toujours arrêtée à la fin."""
    port = _port_libre()
    processus = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=RACINE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if processus.poll() is not None:
                erreur = processus.stderr.read().decode(errors="replace") if processus.stderr \
                    else ""
                pytest.fail(f"streamlit s'est arrêté au démarrage :\n{erreur[-2000:]}")
            if time.monotonic() > limite:
                pytest.fail("streamlit ne répond pas sur /_stcore/health après 30 s")
            time.sleep(0.2)
        yield url
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=10)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait()


@pytest.fixture(scope="module")
def navigateur():
    if not Path(CHROMIUM).is_file():
        _manque(f"Chromium introuvable ({CHROMIUM}) : apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _manque("Playwright n'est pas installé (extra dev)")
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                       args=ARGUMENTS_CHROMIUM)
        try:
            yield navigateur
        finally:
            navigateur.close()


def _attendre_fin_execution(page) -> None:
    """Attend que Streamlit ait fini de réexécuter la page après une saisie."""
    page.wait_for_timeout(150)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=10_000)


def _cocher(page, libelle: str) -> None:
    page.locator('[data-testid="stCheckbox"]').filter(has_text=libelle).locator("label").click()
    _attendre_fin_execution(page)


def _nombre(page, libelle: str, valeur: int) -> None:
    champ = page.get_by_label(libelle, exact=True)
    champ.fill(str(valeur))
    champ.press("Enter")
    _attendre_fin_execution(page)


def _choisir(page, libelle: str, option: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text=libelle).click()
    page.get_by_role("option", name=option, exact=True).click()
    _attendre_fin_execution(page)


@pytest.mark.lent
def test_un_medecin_repere_une_personne_agee_complexe(serveur, navigateur, tmp_path,
                                                     record_property):
    page = navigateur.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page.goto(serveur)
    page.get_by_role("heading", name="Repérage du parcours").wait_for(timeout=20_000)

    _nombre(page, "Âge", 86)
    page.get_by_role("tab", name="Santé").click()
    _nombre(page, "Chutes en 6 mois", 3)
    _nombre(page, "Nombre de médicaments par jour", 11)
    _cocher(page, "Pathologie chronique non stabilisée")
    _cocher(page, "Dénutrition")
    _cocher(page, "Troubles cognitifs")
    page.get_by_role("tab", name="Autonomie").click()
    _nombre(page, "Activités de base de la vie quotidienne (ADL) non faites seul", 3)
    _choisir(page, "Aides et soins à domicile", "Insuffisantes")
    _cocher(page, "Autonomie décisionnelle altérée")
    page.get_by_role("tab", name="Social").click()
    _cocher(page, "Vit seul")
    _cocher(page, "Isolement social")
    _choisir(page, "Aidant", "Épuisé")

    debut = time.perf_counter()
    page.get_by_role("button", name="Repérer").click()
    niveau = page.locator(".st-key-resultat-niveau")
    niveau.get_by_text("Parcours complexe").wait_for(timeout=10_000)
    duree = time.perf_counter() - debut
    record_property("soumission_resultat_s", round(duree, 3))
    print(f"\nsoumission → résultat à l'écran : {duree * 1000:.0f} ms")

    assert "Parcours complexe" in niveau.inner_text()
    cluster = page.locator(".st-key-reperage-cluster-medico_social_domicile")
    assert "Médico-social à domicile" in cluster.inner_text()
    assert "SAD aide" in cluster.inner_text()
    assert page.locator(".st-key-reperage-appui-dac_reponse_globale").is_visible()

    page.locator('[data-testid="stGraphVizChart"] svg').first.wait_for(timeout=10_000)
    niveau.scroll_into_view_if_needed()
    capture = tmp_path / "resultat.png"
    page.screenshot(path=str(capture))
    if os.environ.get("ORIENTATION_CAPTURE"):
        shutil.copyfile(capture, RACINE / os.environ["ORIENTATION_CAPTURE"])
    page.close()
