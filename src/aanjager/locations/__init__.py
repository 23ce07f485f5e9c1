"""Location register (issue 4). So far: the pure norm evaluation (`norms`) and the shipped norm sets (`norm_presets`)."""
