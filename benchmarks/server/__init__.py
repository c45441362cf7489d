"""The application as `make bench` serves it under gunicorn, with the two baselines beside it."""
