"""Policy scan (issue 7, seed 002 'Beleid in een dag'): a maturity baseline per policy domain and recommendations.
The question set is data (question_set_v1.json), loaded into QuestionSet by a data migration."""
