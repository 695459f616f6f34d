from wenku.cli import main

main()
