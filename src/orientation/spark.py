"""``orientation.spark`` : repérer un DataFrame Spark depuis un carnet (notebook).

    from orientation import spark as orientation_spark
    resultats, rejets = orientation_spark.screen(df)

Le même cœur que ``orientation batch`` (``tables.cohorte``), sur chaque partition par
``mapInArrow`` ; détails et recette ``spark-submit`` : docs/spark.md. PySpark n'est chargé
qu'à l'import de ce module (jamais par ``import orientation``)."""

from orientation.tables.spark import ouvrir_session, screen

__all__ = ["screen", "ouvrir_session"]
