"""Les interfaces : la ligne de commande, le formulaire de l'application, le service HTTP
(CDS Hooks, FHIR)."""
