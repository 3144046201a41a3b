"""Speed and memory budgets, measured as ratios against the plain libraries in the same run."""
