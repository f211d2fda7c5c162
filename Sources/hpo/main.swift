print("hpo")
