from otgraph.cli import main

main()
