# language: fr
Fonctionnalité: Les instruments validés, calculés comme publiés
  EPICES (Sass 2006 : précarité à partir de 30), mini-Zarit (7 items, fardeau de l'aidant),
  grille AGGIR (CASF annexe 2-2 : GIR), repérage de la fragilité du Gérontopôle (GFST :
  pas de score, le jugement du clinicien décide). Les scores figurent dans le résultat et
  nourrissent les règles qui les citent.

  @R-SOCIAL-PRECARITE
  Règle: Le score EPICES va de 0 à 100 ; 30 ou plus signale une précarité

    Scénario: Tout « non » : 75,14, précarité
      Soit une personne de 40 ans
      Et au questionnaire EPICES, elle répond non à toutes les questions
      Quand on évalue sa situation
      Alors le score EPICES vaut 75,14
      Et la précarité est repérée par EPICES

    Scénario: Questionnaire complet en tableau : seules les deux questions défavorables à « oui »
      Soit une personne de 40 ans
      Et au questionnaire EPICES, elle répond :
        | question                 | réponse |
        | travailleur social       | oui     |
        | complémentaire           | non     |
        | couple                   | non     |
        | propriétaire             | non     |
        | difficultés financières  | oui     |
        | sport                    | non     |
        | spectacle                | non     |
        | vacances                 | non     |
        | contacts famille         | non     |
        | hébergement possible     | non     |
        | aide matérielle          | non     |
      Quand on évalue sa situation
      Alors le score EPICES vaut 100
      Et le score « précarité selon EPICES » vaut « oui »

    Scénario: Sans questionnaire EPICES, pas de score
      Soit une personne de 40 ans
      Et elle a des difficultés financières
      Quand on évalue sa situation
      Alors le score « score EPICES » n'est pas calculé
      Et la règle R-SOCIAL-PRECARITE fait partie des raisons

  @R-SOCIAL-AIDANT-EPUISE
  Règle: Le mini-Zarit compte jamais 0, parfois ½, souvent 1 ; à partir de 3,5 le fardeau est modéré à sévère

    Scénario: Mini-Zarit en tableau
      Soit une patiente de 82 ans
      Et son aidant répond au mini-Zarit :
        | question                                                   | réponse |
        | difficultés dans votre vie familiale                       | souvent |
        | difficultés dans vos relations avec les amis, les loisirs  | souvent |
        | retentissement sur votre santé                             | parfois |
        | vous ne reconnaissez plus votre parent                     | parfois |
        | peur pour l'avenir de votre parent                         | parfois |
        | souhait d'être (davantage) aidé                            | jamais  |
        | sentiment de charge                                        | jamais  |
      Quand on évalue sa situation
      Alors le score du mini-Zarit vaut 3,5
      Et le fardeau de l'aidant est « modéré à sévère »
      Et la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée

  @R-AUTONOMIE-APA @R-AUTONOMIE-CAISSE-RETRAITE
  Règle: La grille AGGIR donne le GIR par la table officielle, appliquée telle quelle

    Plan du scénario: Grille AGGIR « <grille> » : GIR <gir>
      Soit une patiente de 80 ans
      Et sa grille AGGIR est « <grille> »
      Quand on évalue sa situation
      Alors le GIR vaut <gir>, calculé par la grille AGGIR
      Et l'acteur « Conseil départemental (APA) » <apa>

      Exemples:
        | grille   | gir | apa               |
        | AAAAAAAA | 6   | n'est pas proposé |
        | CCCCCCCC | 1   | est proposé       |
        | BBBBBBBB | 4   | est proposé       |
        | AAAAAABA | 5   | n'est pas proposé |
        | AAAAAACA | 6   | n'est pas proposé |

    Scénario: Grille AGGIR en tableau
      Soit un patient de 80 ans
      Et sa grille AGGIR est :
        | variable              | code |
        | cohérence             | C    |
        | orientation           | C    |
        | toilette              | C    |
        | habillage             | C    |
        | alimentation          | C    |
        | élimination           | C    |
        | transferts            | C    |
        | déplacement intérieur | C    |
        | déplacement extérieur | C    |
        | communication         | C    |
      Quand on évalue sa situation
      Alors le GIR vaut 1, calculé par la grille AGGIR
      Et le score « origine du GIR » vaut « aggir »

    Scénario: Un GIR saisi qui contredit la grille est refusé
      Soit une patiente de 80 ans
      Et elle est en GIR 2
      Et sa grille AGGIR est « BBBBBBBB »
      Quand on évalue sa situation
      Alors la situation est refusée : « la grille AGGIR donne le GIR 4 »

  @R-SANTE-FRAGILITE
  Règle: Le repérage de la fragilité n'a pas de score : au moins un « oui », puis le clinicien décide

    Scénario: Aucun « oui » : fragilité non repérée
      Soit une personne de 70 ans
      Et au repérage de la fragilité (GFST), elle répond non à toutes les questions
      Quand on évalue sa situation
      Alors la fragilité est « non repérée »
      Et l'acteur « Hôpital de jour d'évaluation de la fragilité » n'est pas proposé

    Scénario: Réponses en tableau, « ne sait pas » compris
      Soit un patient de 70 ans
      Et au repérage de la fragilité (GFST), il répond :
        | question        | réponse     |
        | vit seul        | non         |
        | perte de poids  | oui         |
        | fatigue         | non         |
        | mobilité        | non         |
        | plainte mémoire | ne sait pas |
        | marche lente    | non         |
      Et le clinicien le juge fragile
      Quand on évalue sa situation
      Alors la fragilité est « fragile »
      Et l'acteur « Hôpital de jour d'évaluation de la fragilité » est proposé
