"""The client timeline: a theme × session heat strip with analytics panels beside it."""
