"""Report documents (月报, 季报, 信访情况年度报告): their content from the count tables, and their writers."""
