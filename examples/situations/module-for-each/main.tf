# One module instance per service, each given the key its role may decrypt with. The "reports"
# instance was given "*" instead of a key ARN.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "service" {
  source   = "./modules/service"
  for_each = {
    billing = "arn:aws:kms:eu-west-1:111122223333:key/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
    reports = "*"
  }

  name    = each.key
  key_arn = each.value
}
