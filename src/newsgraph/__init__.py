"""newsgraph: news articles from many outlets -> stories, facts and relations a person can check."""
