"""Policy scan (issue 7). The app itself comes next; its default question set is data (question_set_v1.json)."""
