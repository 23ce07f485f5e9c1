"""The housing task: demand against supply of beds, regional distribution, company impact (issue 5)."""
